// add note: the note (and 0–5 workspace files) sent through the one write path, from the account's contact e-mail,
// after the person confirmed the exact text, file names and sizes.

import * as l10n from '@vscode/l10n';
import type { UploadFile } from '../api/types';
import { isTypedCaseNumber } from '../cases/caseRef';
import { formatSize } from '../util/format';
import type { ToolHandler } from './catalogue';
import { senderOf } from './contact';
import { intentId } from './digest';
import { badNumber } from './getCase';
import { accountPhrase, failure } from './output';
import { ADD_NOTE } from './specs';
import type { Preparation, ToolAccount, ToolHost, ToolOutput } from './types';
import { alreadySentOutput, intentOf, repeatWarning, unknownRepeatOutput, type SendIntent } from './repeats';
import { writeOutput } from './writeResult';
import { workspaceFile, type WorkspaceFile } from './workspaceFiles';

export interface AddNoteInput {
  readonly caseNumber: string;
  readonly subject: string;
  readonly description: string;
  readonly files?: readonly string[];
  readonly account?: string;
  /** The sentId of the send to repeat (repeats.ts): only when the person wants this exact note added again. */
  readonly repeatOf?: string;
}

interface ReadyNote {
  readonly account: ToolAccount;
  readonly caseNumber: string;
  readonly subject: string;
  readonly description: string;
  readonly contact: string;
  readonly files: readonly WorkspaceFile[];
}

export function addNoteTool(host: ToolHost): ToolHandler<AddNoteInput> {
  /** Everything the note needs, checked without a request; or the output that says why it cannot be sent. */
  const ready = async (input: AddNoteInput): Promise<ReadyNote | ToolOutput> => {
    const caseNumber = input.caseNumber.trim();
    if (!isTypedCaseNumber(caseNumber)) {
      return badNumber(ADD_NOTE.name);
    }
    const nothing = `No note was added to case ${caseNumber}.`;
    const sender = await senderOf(host, ADD_NOTE.name, input.account, nothing);
    if (!sender.ok) {
      return sender.output;
    }
    const { account, contact } = sender;
    const files: WorkspaceFile[] = [];
    for (const given of input.files ?? []) {
      const file = await workspaceFile(host.workspaceFolders(), given);
      if (!file.ok) {
        return failure(ADD_NOTE.name, nothing, { code: 'file', message: file.message }, account);
      }
      files.push(file.value);
    }
    return { account, caseNumber, subject: input.subject.trim(), description: input.description.trim(), contact, files };
  };
  /** The note and what it amounts to given earlier sends: a first send, already sent, or a repeat. */
  const planned = async (input: AddNoteInput): Promise<{ readonly note: ReadyNote; readonly intent: SendIntent } | ToolOutput> => {
    const note = await ready(input);
    if (!('contact' in note)) {
      return note;
    }
    const draftId = intentId('note', [note.subject, note.description, note.files.map((f) => [f.path, f.size])]);
    const intent = await intentOf(host.writes, { kind: 'note', account: note.account.id, caseNumber: note.caseNumber, draftId }, input.repeatOf);
    switch (intent.kind) {
      case 'alreadySent':
        return alreadySentOutput(intent, {
          tool: ADD_NOTE.name,
          account: note.account,
          already: () => `This note was already added to case ${note.caseNumber} (${accountPhrase(note.account)})`,
          data: () => noteData(note)
        });
      case 'unknownRepeat':
        return unknownRepeatOutput(intent, ADD_NOTE.name, `No note was added to case ${note.caseNumber}.`, note.account);
      default:
        return { note, intent };
    }
  };
  return {
    spec: ADD_NOTE,
    async prepare(input): Promise<Preparation> {
      const plan = await planned(input);
      const invocationMessage = l10n.t('Adding a note to Axway Support case {0}', input.caseNumber.trim());
      if (!('intent' in plan)) {
        return { kind: 'refused', invocationMessage, output: plan };
      }
      const { note, intent } = plan;
      if (intent.kind === 'repeat') {
        return {
          kind: 'write',
          invocationMessage,
          confirmation: { title: l10n.t('Add the same note to case {0} again?', note.caseNumber), message: `${repeatWarning('note', intent.of, note.caseNumber)}\n${confirmationText(note)}` }
        };
      }
      return { kind: 'write', invocationMessage, confirmation: { title: l10n.t('Add a note to case {0}?', note.caseNumber), message: confirmationText(note) } };
    },
    async run(input, signal) {
      const plan = await planned(input);
      if (!('intent' in plan)) {
        return plan;
      }
      const { note, intent } = plan;
      const files: UploadFile[] = note.files.map((f) => ({ path: f.path, name: f.name, size: f.size }));
      const result = await host.writes.submit(
        intent.identity,
        () =>
          Promise.resolve({
            kind: 'note' as const,
            input: { caseId: note.caseNumber, subject: note.subject, description: note.description, contact: note.contact, ...(files.length > 0 ? { files } : {}) }
          }),
        { signal, ...(intent.kind === 'repeat' ? { repeats: intent.repeats } : {}) }
      );
      return writeOutput(
        result,
        { tool: ADD_NOTE.name, account: note.account, done: `The note was added to case ${note.caseNumber} (${accountPhrase(note.account)})`, notDone: `The note was not added to case ${note.caseNumber}` },
        () => noteData(note)
      );
    }
  };
}

function noteData(note: ReadyNote): Record<string, unknown> {
  return { caseNumber: note.caseNumber, subject: note.subject, files: note.files.map((f) => ({ name: f.name, size: f.size })) };
}

function confirmationText(note: ReadyNote): string {
  const files = note.files.length === 0 ? l10n.t('Files: none') : [l10n.t('Files ({0}):', note.files.length), ...note.files.map((f) => `- ${f.name} (${formatSize(f.size)}), ${f.path}`)].join('\n');
  return [
    ...noteLines(note),
    files,
    l10n.t('This is sent to Axway Support as shown. Notes cannot be edited or deleted afterwards.')
  ].join('\n');
}

/** What a note's confirmation shows first (a closing note's too, closeCase.ts): case, account, sender, subject, text. */
export function noteLines(note: Pick<ReadyNote, 'account' | 'caseNumber' | 'contact' | 'subject' | 'description'>): string[] {
  return [
    l10n.t('Case: {0}', note.caseNumber),
    l10n.t('Account: {0}', note.account.label),
    l10n.t('Contact e-mail: {0}', note.contact),
    l10n.t('Subject: {0}', note.subject),
    l10n.t('Text:'),
    note.description
  ];
}
