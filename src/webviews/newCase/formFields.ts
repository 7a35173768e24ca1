// The New Support Case form's fields, declared once for the page, its protocol (./protocol.ts, which re-exports
// them) and the domain (cases/newCaseRules.ts). A module of its own so that the domain's bundles take these few
// lines, not the page's message validators. No DOM, no Node, no vscode.

/** Every value a string, as in the page; the domain's NewCaseFields is this type. */
export interface FormFields {
  readonly type: string;
  /** The support access code of the chosen account. */
  readonly sac: string;
  readonly product: string;
  readonly version: string;
  readonly os: string;
  readonly impact: string;
  readonly urgency: string;
  readonly environment: string;
  readonly subject: string;
  readonly description: string;
  /** As typed: addresses separated by commas, semicolons, spaces or new lines. */
  readonly ccEmails: string;
  /** YYYY-MM-DD; only sent for Business Service Requests. */
  readonly targetDate: string;
  readonly contact: string;
}

/** What a problem can be about: a field, or the attachments. */
export type FormField = keyof FormFields | 'files';

/** Every field of the form by name: a field added to or renamed in FormFields must be named here too. */
const FIELD_KEYS: Readonly<Record<keyof FormFields, true>> = {
  type: true, sac: true, product: true, version: true, os: true, impact: true, urgency: true, environment: true,
  subject: true, description: true, ccEmails: true, targetDate: true, contact: true
};
export const FIELD_NAMES = Object.keys(FIELD_KEYS) as readonly (keyof FormFields)[];

/**
 * Longest value of a field the page or a stored draft may hold (the description's limit, twice, with room: the form
 * says what is too long); the domain's parser of stored drafts keeps the same bound.
 */
export const MAX_FIELD = 64_000;
