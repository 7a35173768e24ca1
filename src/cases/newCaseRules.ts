// The API's rules for a new case (POST /case) checked before sending, the request built from a form draft, where
// an API 400 message points in the form, and how to tell whether a case whose answer was lost (timeout, dropped
// connection) was created anyway (writeDigests.ts), so that it is never sent twice. No vscode: unit-tested in plain Node.

import * as l10n from '@vscode/l10n';
import type { NewCaseInput, ProductOption, UploadFile } from '../api/types';
import { isEmail } from '../util/email';
import { FIELD_NAMES as FORM_FIELDS, MAX_FIELD, type FormField, type FormFields } from '../webviews/newCase/formFields';
import { checkAttachments, MAX_ATTACHMENTS } from './noteRules';

export const CASE_TYPES = ['Support Case', 'Enhancement Request', 'Business Service Request', 'Security Issue'] as const;
/** The API refuses '1 - Critical' for new cases. */
export const NEW_CASE_IMPACTS = ['2 - High', '3 - Medium', '4 - Low'] as const;
export const URGENCIES = ['1 - High', '2 - Medium', '3 - Low'] as const;
export const ENVIRONMENTS = ['Production', 'Non-production', 'Unknown'] as const;
/** The one type that takes a target date. */
export const BUSINESS_SERVICE_REQUEST = 'Business Service Request';
export const NEW_CASE_SUBJECT_MAX = 255;
export const NEW_CASE_DESCRIPTION_MAX = 32000;

/**
 * What the person typed and chose, as the form holds it (every value a string, as in the page): the New Case form's
 * own FormFields (webviews/newCase/formFields.ts), so a field added or renamed there is one here too.
 */
export type NewCaseFields = FormFields;

export type NewCaseField = FormField;

export interface NewCaseFile {
  readonly path: string;
  readonly name: string;
  readonly size: number;
}

export interface NewCaseDraft {
  /** Given when the draft is first kept: the write it becomes is known by it (one send, one marker). */
  readonly id?: string;
  readonly fields: NewCaseFields;
  readonly files: readonly NewCaseFile[];
}

export interface NewCaseProblem {
  /** Undefined: about the whole form (shown at the top). */
  readonly field?: NewCaseField;
  readonly message: string;
}

export const EMPTY_FIELDS: NewCaseFields = {
  type: CASE_TYPES[0], sac: '', product: '', version: '', os: '', impact: '', urgency: '', environment: '',
  subject: '', description: '', ccEmails: '', targetDate: '', contact: ''
};

/** Reads form fields from untrusted input (the page's messages, stored drafts); unknown keys are dropped. */
export function parseFields(raw: unknown): NewCaseFields | undefined {
  if (typeof raw !== 'object' || raw === null) {
    return undefined;
  }
  const source = raw as Record<string, unknown>;
  const fields: Record<string, string> = { ...EMPTY_FIELDS };
  for (const key of FORM_FIELDS) {
    const value = source[key];
    if (value === undefined) {
      continue;
    }
    if (typeof value !== 'string' || value.length > MAX_FIELD) {
      return undefined;
    }
    fields[key] = value;
  }
  return fields as unknown as NewCaseFields;
}

/** Reads a stored draft (extension state is ours, but may come from an older version: checked all the same). */
export function parseDraft(raw: unknown): NewCaseDraft | undefined {
  if (typeof raw !== 'object' || raw === null) {
    return undefined;
  }
  const { fields, files, id } = raw as { fields?: unknown; files?: unknown; id?: unknown };
  const parsed = parseFields(fields);
  if (!parsed) {
    return undefined;
  }
  const list = Array.isArray(files) ? files : [];
  const kept = list.filter(
    (f): f is NewCaseFile =>
      typeof f === 'object' && f !== null &&
      typeof (f as NewCaseFile).path === 'string' && typeof (f as NewCaseFile).name === 'string' &&
      typeof (f as NewCaseFile).size === 'number' && Number.isFinite((f as NewCaseFile).size)
  );
  const draftId = typeof id === 'string' && id !== '' && id.length <= 100 ? { id } : {};
  return { ...draftId, fields: parsed, files: kept.slice(0, MAX_ATTACHMENTS * 2) };
}

/** True when nothing was typed or attached: no draft worth keeping. */
export function isEmptyDraft(draft: NewCaseDraft): boolean {
  const { subject, description, ccEmails, targetDate } = draft.fields;
  return draft.files.length === 0 && [subject, description, ccEmails, targetDate].every((v) => v.trim() === '');
}

/** The CC addresses typed in one text field. */
export function splitEmails(text: string): string[] {
  return text.split(/[\s,;]+/).map((e) => e.trim()).filter((e) => e !== '');
}

/** A real calendar date written YYYY-MM-DD. */
export function isDateOnly(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) {
    return false;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function length(text: string): number {
  return [...text].length;
}

/**
 * Every rule the API documents for a new case, each with the field it concerns; empty when the draft can be sent.
 * `products` are the chosen account's (GET /product), so the product, version and OS must be among them.
 */
export function checkNewCase(draft: NewCaseDraft, products: readonly ProductOption[] | undefined): NewCaseProblem[] {
  const f = draft.fields;
  const problems: NewCaseProblem[] = [];
  const need = (field: keyof NewCaseFields, message: string): void => {
    if (f[field].trim() === '') {
      problems.push({ field, message });
    }
  };
  if (!(CASE_TYPES as readonly string[]).includes(f.type)) {
    problems.push({ field: 'type', message: l10n.t('Choose a type.') });
  }
  need('sac', l10n.t('Choose an account.'));
  if (f.sac.trim() !== '') {
    const product = products?.find((p) => p.id === f.product);
    if (f.product === '') {
      problems.push({ field: 'product', message: l10n.t('Choose a product.') });
    } else if (products && !product) {
      problems.push({ field: 'product', message: l10n.t('This product is not offered for the chosen account. Choose another.') });
    }
    if (f.version === '') {
      problems.push({ field: 'version', message: l10n.t('Choose a version.') });
    } else if (product && !product.versions.some((v) => v.id === f.version)) {
      problems.push({ field: 'version', message: l10n.t('Choose a version of the chosen product.') });
    }
    if (f.os === '') {
      problems.push({ field: 'os', message: l10n.t('Choose an operating system.') });
    } else if (product && !product.operatingSystems.some((o) => o.id === f.os)) {
      problems.push({ field: 'os', message: l10n.t('Choose an operating system of the chosen product.') });
    }
  }
  if (!(NEW_CASE_IMPACTS as readonly string[]).includes(f.impact)) {
    problems.push({ field: 'impact', message: l10n.t('Choose an impact: 2 - High, 3 - Medium or 4 - Low.') });
  }
  if (!(URGENCIES as readonly string[]).includes(f.urgency)) {
    problems.push({ field: 'urgency', message: l10n.t('Choose an urgency.') });
  }
  if (!(ENVIRONMENTS as readonly string[]).includes(f.environment)) {
    problems.push({ field: 'environment', message: l10n.t('Choose an environment.') });
  }
  const subject = f.subject.trim();
  if (subject === '') {
    problems.push({ field: 'subject', message: l10n.t('Enter a subject.') });
  } else if (length(subject) > NEW_CASE_SUBJECT_MAX) {
    problems.push({ field: 'subject', message: l10n.t('The subject has {0} characters; at most {1} are allowed.', length(subject), NEW_CASE_SUBJECT_MAX) });
  }
  const description = f.description.trim();
  if (description === '') {
    problems.push({ field: 'description', message: l10n.t('Enter a description.') });
  } else if (length(description) > NEW_CASE_DESCRIPTION_MAX) {
    problems.push({ field: 'description', message: l10n.t('The description has {0} characters; at most {1} are allowed.', length(description), NEW_CASE_DESCRIPTION_MAX) });
  }
  const badCc = splitEmails(f.ccEmails).filter((e) => !isEmail(e));
  if (badCc.length > 0) {
    problems.push({ field: 'ccEmails', message: l10n.t('Not an e-mail address: {0}. Separate addresses with commas.', badCc.join(', ')) });
  }
  if (f.type === BUSINESS_SERVICE_REQUEST && f.targetDate.trim() !== '' && !isDateOnly(f.targetDate.trim())) {
    problems.push({ field: 'targetDate', message: l10n.t('Enter the target date as YYYY-MM-DD, e.g. 2026-03-31.') });
  }
  if (f.contact.trim() === '') {
    problems.push({ field: 'contact', message: l10n.t('Enter the e-mail address Axway Support writes to about this case.') });
  } else if (!isEmail(f.contact)) {
    problems.push({ field: 'contact', message: l10n.t('Enter an e-mail address such as name@example.com.') });
  }
  problems.push(...checkFiles(draft.files));
  return problems;
}

/** The attachment rules (as for notes): at most 5 files, none empty, none over 20 MB. */
export function checkFiles(files: readonly Pick<NewCaseFile, 'name' | 'size'>[]): NewCaseProblem[] {
  return checkAttachments(files);
}

/** The request for a draft that passed checkNewCase: trimmed text, a target date only where the API takes one. */
export function toNewCaseInput(draft: NewCaseDraft): NewCaseInput {
  const f = draft.fields;
  const cc = splitEmails(f.ccEmails);
  const targetDate = f.type === BUSINESS_SERVICE_REQUEST ? f.targetDate.trim() : '';
  const files: UploadFile[] = draft.files.map((file) => ({ path: file.path, name: file.name, size: file.size }));
  return {
    sac: f.sac,
    contact: f.contact.trim(),
    subject: f.subject.trim(),
    description: f.description.trim(),
    product: { id: f.product, os: { id: f.os }, version: { id: f.version } },
    environment: f.environment,
    impact: f.impact,
    urgency: f.urgency,
    type: f.type,
    ...(targetDate !== '' ? { targetDate } : {}),
    ...(cc.length > 0 ? { ccEmails: cc } : {}),
    ...(files.length > 0 ? { files } : {})
  };
}

/**
 * Names an API 400 message may use for a field, most specific first ("product.os" before "product"). Matched as
 * whole words, case-insensitively, quoted or not.
 */
const FIELD_NAMES: readonly (readonly [RegExp, NewCaseField])[] = [
  [/\bproduct\.os\b|\boperating ?system\b/i, 'os'],
  [/\bproduct\.version\b|\bversion\b/i, 'version'],
  [/\bproduct\b/i, 'product'],
  [/\btarget ?date\b/i, 'targetDate'],
  [/\bcc ?e-?mails?\b/i, 'ccEmails'],
  [/\bcontact\b/i, 'contact'],
  [/\bsubject\b/i, 'subject'],
  [/\bdescription\b/i, 'description'],
  [/\bimpact\b/i, 'impact'],
  [/\burgency\b/i, 'urgency'],
  [/\benvironment\b/i, 'environment'],
  [/\bsac\b|\baccount\b/i, 'sac'],
  [/\btype\b/i, 'type'],
  [/\battachments?\b|\bfiles?\b/i, 'files']
];

/** The request's own property names, as an API message quotes them ('product.os.id'). */
const PROPERTY_FIELDS: ReadonlyMap<string, NewCaseField> = new Map<string, NewCaseField>([
  ['sac', 'sac'], ['contact', 'contact'], ['subject', 'subject'], ['description', 'description'], ['product', 'product'],
  ['product.id', 'product'], ['product.os', 'os'], ['product.os.id', 'os'], ['product.version', 'version'],
  ['product.version.id', 'version'], ['environment', 'environment'], ['impact', 'impact'], ['urgency', 'urgency'], ['type', 'type'],
  ['targetDate', 'targetDate'], ['ccEmails', 'ccEmails'], ['attachment', 'files']
]);

/** The field an API validation message is about, if it names one; otherwise the message belongs at the top. */
export function fieldOfApiMessage(message: string): NewCaseField | undefined {
  // A quoted property name is the surest sign; prose words come second.
  for (const match of message.matchAll(/['"`]([A-Za-z][A-Za-z.]*)['"`]/g)) {
    const field = PROPERTY_FIELDS.get(match[1]);
    if (field) {
      return field;
    }
  }
  for (const [pattern, field] of FIELD_NAMES) {
    if (pattern.test(message)) {
      return field;
    }
  }
  return undefined;
}

// Re-exported: the write path, the New Case form and the tests find a case whose answer was lost through these rules.
export { createdCaseNumberOf, findCreatedCase, findCreatedCaseByDigest, newCaseDigest } from './writeDigests';
