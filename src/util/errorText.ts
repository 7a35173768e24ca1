// How a failure reads in a message: its text as one sentence, and its troubleshooting id (ApiError carries one) for
// the user to quote to Axway Support. One rule for every surface, so each message ends the same way. vscode-free: the
// texts go through @vscode/l10n, which the extension hands VS Code's bundle (util/translations).

import * as l10n from '@vscode/l10n';

/** The troubleshooting id of an error-like object, when it carries a non-empty one. */
export function troubleshootingIdOfError(err: unknown): string | undefined {
  const tid = typeof err === 'object' && err !== null ? (err as { troubleshootingId?: unknown }).troubleshootingId : undefined;
  return typeof tid === 'string' && tid !== '' ? tid : undefined;
}

/** The error's message as a sentence (a full stop added when it ends without one), or a generic sentence. */
export function errorSentence(err: unknown): string {
  const message = typeof err === 'object' && err !== null ? (err as { message?: unknown }).message : err;
  const text = typeof message === 'string' ? message.trim() : '';
  if (text === '') {
    return l10n.t('An unexpected error occurred.');
  }
  return /[.!?)]$/.test(text) ? text : `${text}.`;
}

/** errorSentence followed by "(Troubleshooting ID: …)" when the error carries one. */
export function describeError(err: unknown): string {
  const sentence = errorSentence(err);
  const tid = troubleshootingIdOfError(err);
  return tid !== undefined ? `${sentence} ${l10n.t('(Troubleshooting ID: {0})', tid)}` : sentence;
}
