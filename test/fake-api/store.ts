// The fake API's case data: seeded cases plus what tests and requests add, with the list/sort/filter rules of GET /case.

import { ACCOUNTS, CONTACTS, ENGINEERS } from './catalog';
import { ApiFailure, BadRequest, accessDenied, notFound } from './errors';
import type { ListRequest, ListSortKey } from './listParams';
import { contentTypeOf, defaultCase, formatCaseNumber, generateCases, seededAttachmentContent } from './seed';
import type { ClosedTooLongMode, CaseUpsert, FakeAccount, FakeAttachment, FakeCaseDetail, FakeCaseSummary, FakeNote, FakePerson } from './types';
import type { CreateCaseInput, NoteInput } from './validate';
import { createRng, parseApiDate, sfId, toApiDate } from './util';

const DAY = 86_400_000;

export interface UploadedFile {
  filename: string;
  contentType?: string;
  data: Buffer;
}

interface StoredBlob {
  data: Buffer;
  contentType: string;
}

export function toSummary(c: FakeCaseDetail): FakeCaseSummary {
  return {
    caseNumber: c.caseNumber,
    subject: c.subject,
    status: c.status,
    severity: c.severity,
    createdDate: c.createdDate,
    modifiedDate: c.modifiedDate,
    closedDate: c.closedDate ?? null,
    type: c.type
  };
}

const DETAIL_ORDER: readonly string[] = [
  'caseNumber', 'subject', 'status', 'severity', 'type', 'createdDate', 'modifiedDate', 'closedDate', 'impact', 'urgency', 'description',
  'environment', 'targetDate', 'externalNumber', 'account', 'contact', 'owner', 'product', 'ccEmails', 'notes', 'attachments',
  'customerEnhancementRequest'
];

/** A copy with the fields in the documented order (unknown fields last), as the real API serialises them. */
export function orderedDetail(c: FakeCaseDetail): FakeCaseDetail {
  const rank = (key: string): number => {
    const i = DETAIL_ORDER.indexOf(key);
    return i < 0 ? DETAIL_ORDER.length : i;
  };
  const entries = Object.entries(structuredClone(c)).sort(([a], [b]) => rank(a) - rank(b));
  return Object.fromEntries(entries) as unknown as FakeCaseDetail;
}

function compareKey(a: FakeCaseDetail, b: FakeCaseDetail, key: ListSortKey): number {
  if (key.field === 'status' || key.field === 'severity') {
    const cmp = a[key.field].localeCompare(b[key.field]);
    return key.desc ? -cmp : cmp;
  }
  const x = parseApiDate(a[key.field]);
  const y = parseApiDate(b[key.field]);
  // Missing dates (an open case's closedDate) sort last in both directions.
  if (Number.isNaN(x) || Number.isNaN(y)) {
    return Number.isNaN(x) === Number.isNaN(y) ? 0 : Number.isNaN(x) ? 1 : -1;
  }
  return key.desc ? y - x : x - y;
}

/** Sorts by the keys, then newest modification, then case number, so every order is deterministic. */
export function sortCases(cases: FakeCaseDetail[], keys: readonly ListSortKey[]): FakeCaseDetail[] {
  const all = [...keys, { field: 'modifiedDate', desc: true } as const];
  return [...cases].sort((a, b) => {
    for (const key of all) {
      const cmp = compareKey(a, b, key);
      if (cmp !== 0) {
        return cmp;
      }
    }
    return a.caseNumber.localeCompare(b.caseNumber);
  });
}

function personFor(email: string): FakePerson {
  const known = [...Object.values(CONTACTS).flat(), ...ENGINEERS].find((p) => p.email.toLowerCase() === email.toLowerCase());
  if (known) {
    return { ...known };
  }
  const local = email.split('@')[0].replace(/[._-]+/g, ' ');
  return { email, name: local.replace(/\b\w/g, (c) => c.toUpperCase()) };
}

export class CaseStore {
  private cases = new Map<string, FakeCaseDetail>();
  /** Uploaded attachment bytes, keyed `caseNumber/attachmentId`; seeded ones are generated on demand. */
  private blobs = new Map<string, StoredBlob>();
  private latestMs = 0;
  private idRng = createRng(0xa77);
  /** The "closed for more than 45 days" rule of POST /note (see FakeApiControl.setClosedTooLong). */
  closedTooLong: ClosedTooLongMode = 'enforce';
  /** The organisation's accounts (GET /account, and the `sac` values a list accepts); load() restores all three. */
  accounts: FakeAccount[] = ACCOUNTS.map((a) => ({ ...a }));

  /** @param tag another service account's cases: its subjects start with the tag, so tests tell the lists apart */
  constructor(private readonly anchorMs: number, count: number, private readonly tag?: string) {
    this.load(count);
  }

  load(count: number): void {
    this.cases.clear();
    this.blobs.clear();
    this.idRng = createRng(0xa77);
    this.closedTooLong = 'enforce';
    this.accounts = ACCOUNTS.map((a) => ({ ...a }));
    for (const c of generateCases(count, this.anchorMs)) {
      if (this.tag !== undefined) {
        c.subject = `${this.tag}: ${c.subject}`;
      }
      this.cases.set(c.caseNumber, c);
    }
    this.latestMs = Math.max(0, ...[...this.cases.values()].map((c) => parseApiDate(c.modifiedDate)));
  }

  get(caseNumber: string): FakeCaseDetail | undefined {
    return this.cases.get(caseNumber);
  }

  all(): FakeCaseDetail[] {
    return [...this.cases.values()];
  }

  recent(): FakeCaseSummary[] {
    return sortCases(this.all(), [{ field: 'modifiedDate', desc: true }]).map(toSummary);
  }

  /** A modification time after every existing one (whole seconds, like the real API), so a change shows on top. */
  nextTimestamp(): number {
    const now = Math.ceil(Date.now() / 1000) * 1000;
    this.latestMs = Math.max(now, this.latestMs + 1000);
    return this.latestMs;
  }

  private touch(ms: number): void {
    this.latestMs = Math.max(this.latestMs, ms);
  }

  list(request: ListRequest): { totalCount: number; cases: FakeCaseSummary[] } {
    const q = request.query;
    if (q.sac !== undefined && !this.accounts.some((a) => a.sac === q.sac)) {
      throw accessDenied(`The account '${q.sac}' is not available to this service account.`);
    }
    const within = (value: string, range: { after: number; before: number } | undefined): boolean => {
      if (!range) {
        return true;
      }
      const ms = parseApiDate(value);
      return ms >= range.after && ms <= range.before;
    };
    const matches = (value: string, filter: { mode: 'include' | 'exclude'; values: string[] } | undefined): boolean =>
      !filter || filter.values.includes(value) === (filter.mode === 'include');
    const found = this.all().filter((c) =>
      within(c.createdDate, q.created) && within(c.modifiedDate, q.updated) && (q.sac === undefined || c.account.sac === q.sac) &&
      matches(c.type, q.types) && matches(c.status, q.statuses));
    // Without sort the API's order is unspecified: use case numbers, so a client that forgets `sort` notices.
    const sorted = request.sort.length > 0 ? sortCases(found, request.sort) : found.sort((a, b) => a.caseNumber.localeCompare(b.caseNumber));
    return { totalCount: found.length, cases: sorted.slice(request.offset, request.offset + request.limit).map(toSummary) };
  }

  private newAttachments(caseNumber: string, files: readonly UploadedFile[], by: FakePerson, atMs: number): FakeAttachment[] {
    return files.map((file) => {
      const attachment: FakeAttachment = { id: sfId('00P', this.idRng), name: file.filename, createdDate: toApiDate(atMs), createdBy: by };
      this.blobs.set(`${caseNumber}/${attachment.id}`, { data: file.data, contentType: file.contentType ?? contentTypeOf(file.filename) });
      return attachment;
    });
  }

  create(input: CreateCaseInput, files: readonly UploadedFile[]): FakeCaseDetail {
    const numbers = this.all().map((c) => Number(c.caseNumber)).filter((n) => Number.isFinite(n) && n < 9_000_000);
    const caseNumber = formatCaseNumber(Math.max(1_290_000, ...numbers) + 1);
    const now = this.nextTimestamp();
    const contact = personFor(input.contact);
    const account = ACCOUNTS.find((a) => a.sac === input.sac);
    const severityGrade = Math.min(4, Math.max(1, Number(input.impact.charAt(0)) + Number(input.urgency.charAt(0)) - 2));
    const detail: FakeCaseDetail = {
      caseNumber,
      subject: input.subject,
      status: 'New',
      severity: ['1 - Critical', '2 - Urgent', '3 - Important', '4 - Minor'][severityGrade - 1],
      type: input.type,
      createdDate: toApiDate(now),
      modifiedDate: toApiDate(now),
      closedDate: null,
      impact: input.impact,
      urgency: input.urgency,
      description: input.description,
      environment: input.environment,
      account: { name: account?.name, sac: input.sac },
      contact,
      product: input.product,
      ccEmails: input.ccEmails ?? [],
      notes: [],
      attachments: this.newAttachments(caseNumber, files, contact, now)
    };
    if (input.targetDate) {
      detail.targetDate = input.targetDate;
    }
    if (input.type === 'Enhancement Request') {
      detail.customerEnhancementRequest = {};
    }
    this.cases.set(caseNumber, detail);
    return detail;
  }

  private existing(caseId: string): FakeCaseDetail {
    const found = this.cases.get(caseId);
    if (!found) {
      throw notFound(`Case '${caseId}' was not found.`);
    }
    return found;
  }

  close(input: NoteInput): FakeCaseDetail {
    const c = this.existing(input.caseId);
    if (c.status === 'Closed') {
      throw new BadRequest(`Case '${c.caseNumber}' is already closed.`);
    }
    const now = this.nextTimestamp();
    c.notes = [...(c.notes ?? []), { subject: input.subject, description: input.description, addedDate: toApiDate(now), createdBy: personFor(input.contact) }];
    c.status = 'Closed';
    c.closedDate = toApiDate(now);
    c.modifiedDate = toApiDate(now);
    return c;
  }

  /** Closed, with a closedDate more than 45 days ago. */
  private closedTooLongAgo(c: FakeCaseDetail): boolean {
    const closedMs = parseApiDate(c.closedDate);
    return c.status === 'Closed' && !Number.isNaN(closedMs) && Date.now() - closedMs > 45 * DAY;
  }

  closedLongAgo(): string[] {
    return this.all()
      .filter((c) => this.closedTooLongAgo(c))
      .map((c) => c.caseNumber);
  }

  addNote(input: NoteInput, files: readonly UploadedFile[]): { note: FakeNote; caseNumber: string } {
    const c = this.existing(input.caseId);
    if (this.closedTooLong === 'always' || (this.closedTooLong === 'enforce' && this.closedTooLongAgo(c))) {
      throw accessDenied(`Case '${c.caseNumber}' has been closed for more than 45 days; notes can no longer be added.`);
    }
    const now = this.nextTimestamp();
    const by = personFor(input.contact);
    const note: FakeNote = { subject: input.subject, description: input.description, addedDate: toApiDate(now), createdBy: by };
    if (files.length > 0) {
      note.noteAttachments = this.newAttachments(c.caseNumber, files, by, now);
    }
    c.notes = [...(c.notes ?? []), note];
    c.modifiedDate = toApiDate(now);
    return { note, caseNumber: c.caseNumber };
  }

  upsert(partial: CaseUpsert): FakeCaseDetail {
    if (typeof partial.caseNumber !== 'string' || partial.caseNumber === '') {
      throw new ApiFailure(400, 'BAD_REQUEST', 'upsertCase needs a caseNumber.');
    }
    const modifiedMs = partial.modifiedDate ? parseApiDate(partial.modifiedDate) : this.nextTimestamp();
    const base = this.cases.get(partial.caseNumber) ?? defaultCase(partial.caseNumber, modifiedMs);
    const merged: FakeCaseDetail = { ...base, ...partial, modifiedDate: partial.modifiedDate ?? toApiDate(modifiedMs) };
    if (!Number.isNaN(modifiedMs)) {
      this.touch(modifiedMs);
    }
    this.cases.set(merged.caseNumber, merged);
    return merged;
  }

  /** Attachments with the given names (and small text contents), on the case and on a new note of it. */
  addAttachments(caseNumber: string, names: readonly string[]): FakeAttachment[] {
    const c = this.existing(caseNumber);
    const now = this.nextTimestamp();
    const files = names.map((name, i) => ({ filename: name, contentType: 'text/plain', data: Buffer.from(`Attachment ${i + 1} of case ${caseNumber}: a file with a hostile name.\n`, 'utf8') }));
    const half = Math.ceil(files.length / 2);
    const onCase = this.newAttachments(caseNumber, files.slice(0, half), c.contact, now);
    const onNote = this.newAttachments(caseNumber, files.slice(half), c.contact, now);
    c.attachments = [...(c.attachments ?? []), ...onCase];
    c.notes = [...(c.notes ?? []), { subject: 'Files with odd names', description: 'Attached.', addedDate: toApiDate(now), createdBy: c.contact, noteAttachments: onNote }];
    c.modifiedDate = toApiDate(now);
    return [...onCase, ...onNote];
  }

  /** Partial completion: the created case loses the attachments whose storing "failed". */
  dropAttachments(caseNumber: string): void {
    const c = this.cases.get(caseNumber);
    for (const attachment of c?.attachments ?? []) {
      this.blobs.delete(`${caseNumber}/${attachment.id}`);
    }
    if (c) {
      c.attachments = [];
    }
  }

  remove(caseNumber: string): boolean {
    return this.cases.delete(caseNumber);
  }

  /** Bytes of an attachment of the case (case-level or on a note), or undefined. */
  attachment(caseNumber: string, attachmentId: string): { name: string; contentType: string; data: Buffer } | undefined {
    const c = this.cases.get(caseNumber);
    if (!c) {
      return undefined;
    }
    const all = [...(c.attachments ?? []), ...(c.notes ?? []).flatMap((n) => n.noteAttachments ?? [])];
    const meta = all.find((a) => a.id === attachmentId);
    if (!meta) {
      return undefined;
    }
    const blob = this.blobs.get(`${caseNumber}/${attachmentId}`);
    if (blob) {
      return { name: meta.name, ...blob };
    }
    return { name: meta.name, contentType: contentTypeOf(meta.name), data: seededAttachmentContent(caseNumber, meta) };
  }
}
