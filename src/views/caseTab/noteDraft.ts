// A note's draft: the typed text and the chosen files (paths, never contents), kept per account + case in extension
// state so that it survives a failed send, a closed tab and a window reload. It holds no secret. It is cleared only
// once the API confirmed the note. vscode-free (the state is any Memento-like store), so it is unit-tested in Node.

import * as l10n from '@vscode/l10n';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, NOTE_SUBJECT_MAX } from '../../cases/noteRules';
import { randomUUID } from 'crypto';
import { CaseRef, caseKey } from '../../cases/caseRef';
import { formatSize } from '../../util/format';

export interface DraftFile {
  /** Absolute path on the extension host's disk; the upload streams from it. */
  readonly path: string;
  readonly name: string;
  /** Bytes when it was chosen (checked again before sending). */
  readonly size: number;
}

export interface NoteDraftState {
  /**
   * Given when the draft is first stored, gone when it is cleared. A page restored with text of another draft id
   * (its note was sent while the page was hidden or closed) drops that text instead of offering it again.
   */
  readonly id?: string;
  readonly subject: string;
  readonly description: string;
  readonly files: readonly DraftFile[];
  /**
   * Set when a send started whose outcome is unknown (no answer yet, or the answer was lost): before sending again,
   * the case is re-read to see whether the note arrived. Survives a window reload mid-send.
   */
  readonly pendingSince?: number;
}

/** The part of vscode.Memento the store needs. */
export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

const KEY = 'axwaySupport.noteDrafts';
/** Text longer than the API accepts is kept (the person trims it), but a runaway value is not stored. */
const MAX_TEXT = 100_000;

export const EMPTY_DRAFT: NoteDraftState = { subject: '', description: '', files: [] };

export class NoteDrafts {
  constructor(private readonly state: StateStore) {}

  get(ref: CaseRef): NoteDraftState {
    return parseDraft(this.all()[caseKey(ref)]) ?? EMPTY_DRAFT;
  }

  /** Stores the draft (giving it an id if it has none); an empty one (no text, no files, nothing pending) is removed instead. */
  async save(ref: CaseRef, draft: NoteDraftState): Promise<void> {
    const key = caseKey(ref);
    const rest = Object.fromEntries(Object.entries(this.all()).filter(([k]) => k !== key));
    await this.state.update(KEY, isEmptyDraft(draft) ? rest : { ...rest, [key]: { ...draft, id: draft.id ?? randomUUID() } });
  }

  async clear(ref: CaseRef): Promise<void> {
    await this.save(ref, EMPTY_DRAFT);
  }

  /** Removes every draft of an account (its credentials were removed). */
  async forgetAccount(account: string): Promise<void> {
    const prefix = `${account}/`;
    await this.state.update(KEY, Object.fromEntries(Object.entries(this.all()).filter(([k]) => !k.startsWith(prefix))));
  }

  private all(): Readonly<Record<string, unknown>> {
    const raw = this.state.get<unknown>(KEY);
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  }
}

export function isEmptyDraft(draft: NoteDraftState): boolean {
  return draft.subject === '' && draft.description === '' && draft.files.length === 0 && draft.pendingSince === undefined;
}

/** Reads a stored draft defensively (state written by another version, or edited by hand). */
export function parseDraft(raw: unknown): NoteDraftState | undefined {
  if (typeof raw !== 'object' || raw === null) {
    return undefined;
  }
  const r = raw as Record<string, unknown>;
  const text = (v: unknown): string => (typeof v === 'string' ? v.slice(0, MAX_TEXT) : '');
  const files = Array.isArray(r.files) ? r.files.flatMap((f) => parseFile(f)).slice(0, MAX_ATTACHMENTS * 2) : [];
  const pendingSince = typeof r.pendingSince === 'number' && Number.isFinite(r.pendingSince) ? r.pendingSince : undefined;
  const id = typeof r.id === 'string' && r.id !== '' && r.id.length <= 100 ? r.id : undefined;
  return { ...(id !== undefined ? { id } : {}), subject: text(r.subject), description: text(r.description), files, ...(pendingSince !== undefined ? { pendingSince } : {}) };
}

function parseFile(raw: unknown): DraftFile[] {
  if (typeof raw !== 'object' || raw === null) {
    return [];
  }
  const { path, name, size } = raw as Record<string, unknown>;
  if (typeof path !== 'string' || path === '' || typeof name !== 'string' || typeof size !== 'number' || !Number.isFinite(size) || size < 0) {
    return [];
  }
  return [{ path, name, size }];
}

/** A file the person chose, as the host found it on disk. */
export interface CandidateFile {
  readonly path: string;
  readonly name: string;
  readonly size: number;
  /** False for folders and anything else that is not a regular file. */
  readonly isFile: boolean;
}

export interface Refusal {
  readonly name: string;
  readonly reason: string;
}

/**
 * Adds chosen files to the draft's, applying the API's limits (5 files, 20 MB each, not empty) now rather than at
 * sending time, and says why each refused file was left out. A file chosen twice is kept once.
 */
export function addFiles(current: readonly DraftFile[], candidates: readonly CandidateFile[]): { files: DraftFile[]; refused: Refusal[] } {
  const files = [...current];
  const refused: Refusal[] = [];
  for (const c of candidates) {
    if (files.some((f) => f.path === c.path)) {
      continue;
    }
    if (!c.isFile) {
      refused.push({ name: c.name, reason: l10n.t('is not a file') });
    } else if (c.size === 0) {
      refused.push({ name: c.name, reason: l10n.t('is empty') });
    } else if (c.size > MAX_ATTACHMENT_BYTES) {
      refused.push({ name: c.name, reason: l10n.t('has {0}; at most {1} per file are allowed', formatSize(c.size), formatSize(MAX_ATTACHMENT_BYTES)) });
    } else if (files.length >= MAX_ATTACHMENTS) {
      refused.push({ name: c.name, reason: l10n.t('would be file {0}; a note takes at most {1}', files.length + 1, MAX_ATTACHMENTS) });
    } else {
      files.push({ path: c.path, name: c.name, size: c.size });
    }
  }
  return { files, refused };
}

/** "a.log is empty. b.zip has 31.0 MB; at most 20 MB per file are allowed." */
export function refusalText(refused: readonly Refusal[]): string {
  // The reason is the rest of a sentence whose subject is the file's name ("empty.txt" + "is empty").
  return refused.map((r) => l10n.t('{0} {1}.', r.name, r.reason)).join(' ');
}

/** The subject proposed when files are attached from the Explorer: their names, within the API's 100 characters. */
export function suggestSubject(names: readonly string[]): string {
  if (names.length === 0) {
    return '';
  }
  const text = names.length === 1 ? `Attached ${names[0]}` : `Attached ${names.length} files: ${names.join(', ')}`;
  const chars = [...text];
  return chars.length <= NOTE_SUBJECT_MAX ? text : `${chars.slice(0, NOTE_SUBJECT_MAX - 1).join('')}…`;
}
