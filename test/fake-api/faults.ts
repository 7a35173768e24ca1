// Injected faults: which request gets which misbehaviour, and how many times.

import { codeForStatus } from './errors';
import type { FakeTarget, Fault, FaultKind, FaultSpec, FaultTarget } from './types';
import { FAKE_TARGETS } from './types';
import { isRecord } from './util';

const KINDS: readonly FaultKind[] = ['respond', 'hang', 'reset', 'truncated', 'huge', 'delay', 'slowUpload', 'dropAfterStore', 'partialCreate', 'shortBody', 'dropBeforeStore', 'failAfterStore', 'hangAfterStore'];

/** Kinds that only make sense for some targets ('any' is refused for them: say which request). */
const KIND_TARGETS: Partial<Record<FaultKind, readonly FaultTarget[]>> = {
  slowUpload: ['addNote', 'createCase', 'closeCase'],
  dropAfterStore: ['addNote', 'createCase', 'closeCase'],
  dropBeforeStore: ['addNote', 'createCase', 'closeCase'],
  failAfterStore: ['addNote', 'createCase', 'closeCase'],
  hangAfterStore: ['addNote', 'createCase', 'closeCase'],
  partialCreate: ['createCase'],
  shortBody: ['attachment']
};

/** Kinds applied while the request body is read, before anything else is known about the request. */
const BODY_KINDS: ReadonlySet<FaultKind> = new Set(['slowUpload']);

/** Checks a fault coming from JSON (HTTP control) or from code; throws an Error naming the problem. */
export function validateFaultSpec(value: unknown): FaultSpec {
  if (!isRecord(value)) {
    throw new Error('A fault must be an object.');
  }
  const target = value.target;
  if (typeof target !== 'string' || !(target === 'any' || (FAKE_TARGETS.includes(target as FakeTarget) && target !== 'other'))) {
    throw new Error(`Unknown fault target ${JSON.stringify(target)}.`);
  }
  if (typeof value.kind !== 'string' || !KINDS.includes(value.kind as FaultKind)) {
    throw new Error(`Unknown fault kind ${JSON.stringify(value.kind)}; expected one of ${KINDS.join(', ')}.`);
  }
  const allowed = KIND_TARGETS[value.kind as FaultKind];
  if (allowed !== undefined && !allowed.includes(target as FaultTarget)) {
    throw new Error(`A '${value.kind}' fault applies to ${allowed.join(', ')} only, not ${target}.`);
  }
  const numbers = ['status', 'delayMs', 'sizeBytes', 'times', 'bytesPerSecond', 'fraction'] as const;
  for (const key of numbers) {
    if (value[key] !== undefined && (typeof value[key] !== 'number' || !Number.isFinite(value[key]) || (value[key] as number) < 0)) {
      throw new Error(`Fault '${key}' must be a non-negative number.`);
    }
  }
  if (value.fraction !== undefined && (value.fraction as number) > 1) {
    throw new Error('Fault fraction must be 0..1.');
  }
  if (value.bytesPerSecond !== undefined && (value.bytesPerSecond as number) < 1) {
    throw new Error('Fault bytesPerSecond must be at least 1.');
  }
  if (value.status !== undefined && ((value.status as number) < 100 || (value.status as number) > 599)) {
    throw new Error('Fault status must be 100..599.');
  }
  if (value.headers !== undefined) {
    if (!isRecord(value.headers) || Object.values(value.headers).some((v) => v !== null && typeof v !== 'string')) {
      throw new Error('Fault headers must map names to strings (or null to remove a header).');
    }
  }
  if (value.caseNumber !== undefined && typeof value.caseNumber !== 'string') {
    throw new Error('Fault caseNumber must be a string.');
  }
  if (value.clientId !== undefined && (typeof value.clientId !== 'string' || value.clientId === '')) {
    throw new Error('Fault clientId must be a non-empty string.');
  }
  return value as unknown as FaultSpec;
}

export class FaultBook {
  private list: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): string {
    const valid = validateFaultSpec(spec);
    const fault: Fault = { ...valid, headers: valid.headers ? { ...valid.headers } : undefined, id: `fault-${this.nextId++}`, applied: 0 };
    this.list.push(fault);
    return fault.id;
  }

  remove(id: string): void {
    this.list = this.list.filter((f) => f.id !== id);
  }

  clear(): void {
    this.list = [];
  }

  all(): Fault[] {
    return this.list.map((f) => ({ ...f }));
  }

  /**
   * The first fault matching the request, counted as applied (and dropped when its `times` are used up). Phase
   * 'body' takes the kinds applied while the body is read (slowUpload); 'answer' all others, once the body is in.
   * `clientId` is the service account the request is from (undefined: unknown); a fault scoped to one skips others.
   */
  take(target: FakeTarget, caseNumber: string | undefined, phase: 'body' | 'answer' = 'answer', clientId?: string): Fault | undefined {
    const fault = this.list.find(
      (f) =>
        matches(f.target, target) &&
        BODY_KINDS.has(f.kind) === (phase === 'body') &&
        (phase === 'body' || f.caseNumber === undefined || f.caseNumber === caseNumber) &&
        (f.clientId === undefined || f.clientId === clientId)
    );
    if (!fault) {
      return undefined;
    }
    fault.applied++;
    if (fault.times !== undefined && fault.applied >= fault.times) {
      this.remove(fault.id);
    }
    return { ...fault };
  }
}

function matches(faultTarget: FaultTarget, target: FakeTarget): boolean {
  return faultTarget === 'any' ? target !== 'other' : faultTarget === target;
}

/** The body a 'respond' fault sends when it gives none: the API's error JSON (or OAuth's, for the token endpoint). */
export function defaultFaultBody(target: FakeTarget, status: number): unknown {
  if (status < 400) {
    return {};
  }
  if (target === 'token') {
    return { error: status === 401 ? 'invalid_client' : status >= 500 ? 'server_error' : 'invalid_request', error_description: `Injected fault (HTTP ${status})` };
  }
  return { code: codeForStatus(status), message: `Injected fault (HTTP ${status})` };
}
