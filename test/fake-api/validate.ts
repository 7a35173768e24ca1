// Validation of the JSON bodies of POST /case, DELETE /case and POST /note, as the reference describes them.

import { ENVIRONMENTS, IMPACTS, TYPES, URGENCIES, productsOf } from './catalog';
import { BadRequest, accessDenied } from './errors';
import type { FakeIdName } from './types';
import { EMAIL_RE, isRecord } from './util';

export interface CreateCaseInput {
  sac: string;
  contact: string;
  subject: string;
  description: string;
  product: { id: string; name: string; os: FakeIdName; version: FakeIdName; patch?: string };
  environment: string;
  impact: string;
  urgency: string;
  type: string;
  targetDate?: string;
  ccEmails?: string[];
}

export interface NoteInput {
  caseId: string;
  subject: string;
  description: string;
  contact: string;
}

function object(value: unknown, what: string): Record<string, unknown> {
  if (!isRecord(value)) {
    throw new BadRequest(`${what} must be a JSON object.`);
  }
  return value;
}

function noUnknown(body: Record<string, unknown>, allowed: readonly string[], what: string): void {
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) {
      throw new BadRequest(`${what}: unknown property '${key}'.`);
    }
  }
}

function text(body: Record<string, unknown>, key: string, max: number, label = key): string {
  const value = body[key];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new BadRequest(`'${label}' is required and must be a non-empty string.`);
  }
  if (value.length > max) {
    throw new BadRequest(`'${label}' must be at most ${max} characters, got ${value.length}.`);
  }
  return value;
}

function email(body: Record<string, unknown>, key: string): string {
  const value = text(body, key, 254);
  if (!EMAIL_RE.test(value)) {
    throw new BadRequest(`'${key}' must be an email address, got '${value}'.`);
  }
  return value;
}

/** Accepts the full value ('2 - High') or its number (2 or '2'); the API allows only `allowed` numbers. */
function graded(body: Record<string, unknown>, key: string, values: readonly string[], allowed: readonly number[]): string {
  const value = body[key];
  const asNumber = typeof value === 'number' ? value : typeof value === 'string' && /^\d$/.test(value) ? Number(value) : NaN;
  const match = typeof value === 'string' && values.includes(value) ? value : values.find((v) => v.startsWith(`${asNumber} - `));
  const grade = match ? Number(match.charAt(0)) : NaN;
  if (!match || !allowed.includes(grade)) {
    const options = values.filter((v) => allowed.includes(Number(v.charAt(0)))).map((v) => `'${v}'`).join(', ');
    throw new BadRequest(`'${key}' must be one of ${options}, got ${JSON.stringify(value)}.`);
  }
  return match;
}

function idRef(value: unknown, label: string): string {
  if (!isRecord(value) || typeof value.id !== 'string' || value.id === '') {
    throw new BadRequest(`'${label}.id' is required.`);
  }
  return value.id;
}

const DATE_ONLY_RE = /^\d{4}-\d{2}-\d{2}$/;

export function validateCreateCase(raw: unknown): CreateCaseInput {
  const body = object(raw, 'The case initializer');
  noUnknown(body, ['sac', 'contact', 'subject', 'description', 'product', 'environment', 'impact', 'urgency', 'type', 'targetDate', 'ccEmails'], 'Case initializer');
  const sac = text(body, 'sac', 100);
  const products = productsOf(sac);
  if (!products) {
    throw accessDenied(`The account '${sac}' is not available to this service account.`);
  }
  const contact = email(body, 'contact');
  const subject = text(body, 'subject', 255);
  const description = text(body, 'description', 32000);
  const productId = idRef(body.product, 'product');
  const product = products.find((p) => p.id === productId);
  if (!product) {
    throw new BadRequest(`'product.id' '${productId}' is not a product of account '${sac}'.`);
  }
  const productBody = object(body.product, "'product'");
  const osId = idRef(productBody.os, 'product.os');
  const os = product.operatingSystems.find((o) => o.id === osId);
  if (!os) {
    throw new BadRequest(`'product.os.id' '${osId}' is not an operating system of ${product.name}.`);
  }
  const versionId = idRef(productBody.version, 'product.version');
  const version = product.versions.find((v) => v.id === versionId);
  if (!version) {
    throw new BadRequest(`'product.version.id' '${versionId}' is not a version of ${product.name}.`);
  }
  const patch = productBody.patch;
  if (patch !== undefined && typeof patch !== 'string') {
    throw new BadRequest(`'product.patch' must be a string.`);
  }
  const environment = text(body, 'environment', 50);
  if (!(ENVIRONMENTS as readonly string[]).includes(environment)) {
    throw new BadRequest(`'environment' must be one of ${ENVIRONMENTS.join(', ')}, got '${environment}'.`);
  }
  const type = body.type === undefined ? TYPES[0] : text(body, 'type', 50);
  if (!(TYPES as readonly string[]).includes(type)) {
    throw new BadRequest(`'type' must be one of ${TYPES.join(', ')}, got '${type}'.`);
  }
  const input: CreateCaseInput = {
    sac, contact, subject, description, environment, type,
    product: { id: product.id, name: product.name, os, version, ...(patch ? { patch } : {}) },
    impact: graded(body, 'impact', IMPACTS, [2, 3, 4]),
    urgency: graded(body, 'urgency', URGENCIES, [1, 2, 3])
  };
  if (body.targetDate !== undefined) {
    if (type !== TYPES[2]) {
      throw new BadRequest(`'targetDate' is only allowed for Business Service Requests.`);
    }
    const targetDate = body.targetDate;
    // Round-trips, so 2030-02-30 is refused rather than read as March 2nd.
    if (typeof targetDate !== 'string' || !DATE_ONLY_RE.test(targetDate) || Number.isNaN(Date.parse(targetDate)) || new Date(targetDate).toISOString().slice(0, 10) !== targetDate) {
      throw new BadRequest(`'targetDate' must be a date YYYY-MM-DD, got ${JSON.stringify(targetDate)}.`);
    }
    input.targetDate = targetDate;
  }
  if (body.ccEmails !== undefined) {
    const cc = body.ccEmails;
    if (!Array.isArray(cc) || cc.some((e) => typeof e !== 'string' || !EMAIL_RE.test(e))) {
      throw new BadRequest(`'ccEmails' must be an array of email addresses.`);
    }
    input.ccEmails = cc.map(String);
  }
  return input;
}

/** The body of DELETE /case and POST /note share their shape; a note allows ≤100/≤4000 characters. */
export function validateNote(raw: unknown, what: 'note' | 'close'): NoteInput {
  const body = object(raw, what === 'note' ? 'The note' : 'The close request');
  noUnknown(body, ['caseId', 'subject', 'description', 'contact'], what === 'note' ? 'Note' : 'Close request');
  return {
    caseId: text(body, 'caseId', 20),
    subject: text(body, 'subject', 100),
    description: text(body, 'description', 4000),
    contact: email(body, 'contact')
  };
}
