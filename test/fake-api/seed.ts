// Deterministic sample cases: the same seed gives the same cases, notes and attachments every run.
// Case i is the i-th most recently modified; dates count back from an anchor time.

import {
  ACCOUNTS, ACCOUNT_PRODUCTS, ATTACHMENT_NAMES, CONTACTS, CUSTOMER_NOTES, ENGINEERS, ENGINEER_NOTES, ENVIRONMENTS,
  IMPACTS, PRODUCTS, SEVERITIES, STATUSES, TOPICS, TYPES, URGENCIES
} from './catalog';
import type { FakeAttachment, FakeCaseDetail, FakeEnhancementRequest, FakeNote, FakePerson } from './types';
import { createRng, pick, randInt, sfId, toApiDate, toDateOnly, type Rng } from './util';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const FIRST_CASE_NUMBER = 1_290_000;

function typeOf(i: number): string {
  if (i % 7 === 3) {
    return TYPES[1];
  }
  if (i % 11 === 5) {
    return TYPES[2];
  }
  if (i % 13 === 7) {
    return TYPES[3];
  }
  return TYPES[0];
}

function roundToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

function makeAttachments(rng: Rng, count: number, from: number, to: number, by: FakePerson): FakeAttachment[] {
  const result: FakeAttachment[] = [];
  for (let k = 0; k < count; k++) {
    const at = roundToSecond(from + rng() * Math.max(0, to - from));
    result.push({ id: sfId('00P', rng), name: pick(rng, ATTACHMENT_NAMES), createdDate: toApiDate(at), createdBy: by });
  }
  return result.sort((a, b) => a.createdDate.localeCompare(b.createdDate));
}

function makeNotes(rng: Rng, count: number, createdMs: number, modifiedMs: number, contact: FakePerson, owner: FakePerson | undefined): FakeNote[] {
  const notes: FakeNote[] = [];
  const span = modifiedMs - createdMs;
  for (let k = 0; k < count; k++) {
    // The last note is what last modified the case.
    const at = k === count - 1 ? modifiedMs : roundToSecond(createdMs + (span * (k + 1)) / (count + 1));
    const fromEngineer = owner !== undefined && k % 2 === 0;
    const author = fromEngineer ? owner : contact;
    const note: FakeNote = {
      subject: fromEngineer ? pick(rng, ['Update from Axway Support', 'Next steps', 'Request for information', 'Hotfix available']) : pick(rng, ['Re: logs', 'Customer update', 'Question', 'Re: workaround']),
      description: pick(rng, fromEngineer ? ENGINEER_NOTES : CUSTOMER_NOTES),
      addedDate: toApiDate(at),
      createdBy: author
    };
    if (!fromEngineer && rng() < 0.35) {
      note.noteAttachments = makeAttachments(rng, 1, at, at, author);
    }
    notes.push(note);
  }
  return notes;
}

function enhancement(i: number, status: string, rng: Rng, modifiedMs: number, versionName: string): FakeEnhancementRequest {
  if (status === 'New') {
    return {};
  }
  if (status === 'Closed' || status === 'R&D Delivery' || i % 2 === 0) {
    return {
      response: 'Planned',
      deliveryTargetDate: toDateOnly(modifiedMs + randInt(rng, 30, 200) * DAY),
      deliveryTargetVersion: `${versionName.split('.').slice(0, 2).join('.')} next update`,
      responseDetails: 'Product management accepted the request for the roadmap.'
    };
  }
  return { response: 'Not Planned', responseDetails: 'The request does not fit the product direction; see the workaround in the notes.' };
}

/** Builds case i (0 = newest) with the given modification time; everything else comes from the seeded generator. */
export function buildCase(i: number, modifiedMs: number, caseNumber: string): FakeCaseDetail {
  const rng = createRng(0x5eed + i * 7919);
  const status = STATUSES[i % STATUSES.length];
  const severity = SEVERITIES[i % SEVERITIES.length];
  const type = typeOf(i);
  const account = ACCOUNTS[i % ACCOUNTS.length];
  const productId = pick(rng, ACCOUNT_PRODUCTS[account.sac]);
  const product = PRODUCTS.find((p) => p.id === productId) ?? PRODUCTS[0];
  const version = pick(rng, product.versions);
  const os = pick(rng, product.operatingSystems);
  const contacts = CONTACTS[account.sac];
  const contact = contacts[i % contacts.length];
  const owner = status === 'New' ? undefined : pick(rng, ENGINEERS);
  const createdMs = status === 'New'
    ? roundToSecond(modifiedMs - randInt(rng, 1, 120) * MINUTE)
    : roundToSecond(modifiedMs - randInt(rng, 2, 24 * 90) * HOUR);
  const topic = pick(rng, TOPICS[product.name] ?? TOPICS['API Gateway']);

  let subject = topic.subject;
  let description = topic.description;
  if (type === 'Business Service Request') {
    subject = `Upgrade assistance: ${product.name} to ${version.name}`;
    description = `We plan to upgrade ${product.name} in production to ${version.name}. Please review the attached plan and confirm an engineer is available during the maintenance window.`;
  } else if (type === 'Enhancement Request' && !subject.startsWith('Request')) {
    subject = `Request: ${subject}`;
  } else if (type === 'Security Issue' && !subject.startsWith('Security')) {
    subject = `Security: ${subject}`;
  }

  const detail: FakeCaseDetail = {
    caseNumber,
    subject,
    status,
    severity,
    type,
    createdDate: toApiDate(createdMs),
    modifiedDate: toApiDate(modifiedMs),
    description: `${description}\n\nEnvironment details: ${product.name} ${version.name} on ${os.name}.`,
    environment: i % 5 === 4 ? ENVIRONMENTS[1] : i % 17 === 8 ? ENVIRONMENTS[2] : ENVIRONMENTS[0],
    account: { name: account.name, sac: account.sac },
    contact,
    product: { id: product.id, name: product.name, os, version },
    notes: makeNotes(rng, status === 'New' ? 0 : randInt(rng, 0, 5), createdMs, modifiedMs, contact, owner),
    attachments: makeAttachments(rng, randInt(rng, 0, 3), createdMs, createdMs + HOUR, contact)
  };
  if (status === 'Closed') {
    detail.closedDate = toApiDate(modifiedMs);
  } else if (i % 2 === 1) {
    detail.closedDate = null; // The API sends null or leaves it out: serve both.
  }
  if (i % 10 !== 9) {
    detail.impact = severity === SEVERITIES[0] ? IMPACTS[0] : IMPACTS[1 + (i % 3)];
    detail.urgency = URGENCIES[i % URGENCIES.length];
  }
  if (owner) {
    detail.owner = owner;
  }
  if (i % 3 === 0) {
    detail.product.patch = `Patch ${1 + (i % 4)}`;
  }
  if (i % 4 === 1) {
    detail.ccEmails = contacts.filter((c) => c !== contact).map((c) => c.email).concat('support-team@' + contact.email.split('@')[1]);
  }
  if (i % 5 === 2) {
    detail.externalNumber = `INC${String(4_100_000 + i * 37).padStart(7, '0')}`;
  }
  if (type === 'Business Service Request') {
    detail.targetDate = toDateOnly(createdMs + randInt(rng, 14, 60) * DAY);
  }
  if (type === 'Enhancement Request') {
    detail.customerEnhancementRequest = enhancement(i, status, rng, modifiedMs, version.name);
  }
  return detail;
}

export function formatCaseNumber(n: number): string {
  return String(n).padStart(8, '0');
}

/** `count` cases, newest first; every modifiedDate distinct; case numbers grow with createdDate as in the real system. */
export function generateCases(count: number, anchorMs: number): FakeCaseDetail[] {
  const gapRng = createRng(0xca5e);
  const modified: number[] = [];
  let t = roundToSecond(anchorMs);
  for (let i = 0; i < count; i++) {
    t -= i < 60 ? randInt(gapRng, 30, 48 * 60) * MINUTE + randInt(gapRng, 1, 59) * 1000 : randInt(gapRng, 2, 30) * HOUR;
    modified.push(t);
  }
  const cases = modified.map((ms, i) => buildCase(i, ms, ''));
  const byCreated = cases.map((c, i) => ({ c, i })).sort((a, b) => a.c.createdDate.localeCompare(b.c.createdDate) || a.i - b.i);
  const numRng = createRng(0x0131);
  let n = FIRST_CASE_NUMBER;
  for (const { c } of byCreated) {
    n += randInt(numRng, 3, 400);
    c.caseNumber = formatCaseNumber(n);
  }
  return cases;
}

/** A fresh default for a case added by a test (upsertCase): seeded from its number, status New. */
export function defaultCase(caseNumber: string, modifiedMs: number): FakeCaseDetail {
  let hash = 0;
  for (const ch of caseNumber) {
    hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  }
  // Index multiple of 9 keeps status 'New', so the default has no closedDate and no owner.
  const detail = buildCase((hash % 1000) * 9, modifiedMs, caseNumber);
  detail.createdDate = detail.modifiedDate;
  detail.notes = [];
  detail.attachments = [];
  return detail;
}

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);

export function contentTypeOf(name: string): string {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  const types: Record<string, string> = {
    png: 'image/png', zip: 'application/zip', pem: 'application/x-pem-file', csv: 'text/csv', har: 'application/json',
    log: 'text/plain', txt: 'text/plain', json: 'application/json', pdf: 'application/pdf'
  };
  return types[ext] ?? 'application/octet-stream';
}

/** Bytes of a seeded attachment, generated on demand so thousands of cases stay cheap. */
export function seededAttachmentContent(caseNumber: string, attachment: FakeAttachment): Buffer {
  const ext = attachment.name.toLowerCase().split('.').pop();
  if (ext === 'png') {
    return PNG_1X1;
  }
  if (ext === 'zip') {
    return EMPTY_ZIP;
  }
  const lines = [`# ${attachment.name} for case ${caseNumber} (attachment ${attachment.id})`];
  for (let k = 0; k < 40; k++) {
    lines.push(`2025-05-0${1 + (k % 9)}T10:${String(k).padStart(2, '0')}:00Z INFO  [worker-${k % 4}] processed message ${1000 + k * 13}`);
  }
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}
