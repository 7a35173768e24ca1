// The HTTP face of FakeApiControl (/__control/*), so tests in other processes (VS Code extension host, Playwright) can drive it.

import { parseQueryString } from './listParams';
import { validateFaultSpec } from './faults';
import { validateListShape } from './shape';
import type { CaseUpsert, ClosedTooLongMode, FakeApiControl, FakeTarget, TokenRejection } from './types';
import { CLOSED_TOO_LONG_MODES, FAKE_TARGETS, TOKEN_REJECTIONS } from './types';
import { isRecord } from './util';

export interface ControlResult {
  status: number;
  body: unknown;
}

export interface ServerInfo {
  origin: string;
  tokenUrl: string;
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
}

function parseBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) {
    return {};
  }
  const json: unknown = JSON.parse(body.toString('utf8'));
  if (!isRecord(json)) {
    throw new Error('The control body must be a JSON object.');
  }
  return json;
}

function numberField(body: Record<string, unknown>, key: string): number {
  const value = body[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new Error(`'${key}' must be a non-negative number.`);
  }
  return value;
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value !== undefined && typeof value !== 'string') {
    throw new Error(`'${key}' must be a string.`);
  }
  return value;
}

function dispatch(method: string, route: string, query: Map<string, string[]>, body: Buffer, control: FakeApiControl, info: () => ServerInfo): ControlResult {
  const ok = (value: unknown = { ok: true }): ControlResult => ({ status: 200, body: value });
  const [resource, id] = route.split('/').map((s) => decodeURIComponent(s));
  const key = `${method} ${resource}${id !== undefined ? '/:id' : ''}`;
  switch (key) {
    case 'GET info': return ok(info());
    case 'POST reset': control.reset(); return ok();
    case 'GET faults': return ok(control.faults());
    case 'POST faults': return ok({ id: control.addFault(validateFaultSpec(parseBody(body))) });
    case 'DELETE faults': control.clearFaults(); return ok();
    case 'DELETE faults/:id': control.removeFault(id); return ok();
    case 'GET requests': {
      const target = query.get('target')?.[0];
      if (target !== undefined && !FAKE_TARGETS.includes(target as FakeTarget)) {
        throw new Error(`Unknown target '${target}'.`);
      }
      return ok(control.requests(target as FakeTarget | undefined));
    }
    case 'DELETE requests': control.clearRequests(); return ok();
    case 'GET stats': return ok(control.stats());
    case 'GET cases': return ok(control.listAll());
    case 'GET cases/:id': {
      const found = control.getCase(id);
      return found ? ok(found) : { status: 404, body: { error: `No case ${id}.` } };
    }
    case 'POST cases': {
      const { forClientId, ...partial } = parseBody(body);
      if (typeof partial.caseNumber !== 'string') {
        throw new Error("'caseNumber' (string) is required.");
      }
      if (forClientId !== undefined && typeof forClientId !== 'string') {
        throw new Error("'forClientId' must be a string.");
      }
      // Trusted test input: fields are served as given, which is the point of upserting odd data.
      return ok(control.upsertCase(partial as CaseUpsert, forClientId));
    }
    case 'DELETE cases/:id': return ok({ removed: control.removeCase(id) });
    case 'POST case-count': control.setCaseCount(numberField(parseBody(body), 'count')); return ok();
    case 'GET list-shape': return ok(control.listShape());
    case 'POST list-shape': return ok(control.setListShape(validateListShape(parseBody(body))));
    case 'POST hostile-cases': return ok({ caseNumbers: control.addHostileCases() });
    case 'POST revoke-tokens': control.revokeTokens(); return ok();
    case 'POST credentials': {
      const b = parseBody(body);
      const rejectAs = optionalString(b, 'rejectAs');
      if (rejectAs !== undefined && !TOKEN_REJECTIONS.includes(rejectAs as TokenRejection)) {
        throw new Error(`'rejectAs' must be one of ${TOKEN_REJECTIONS.join(', ')}.`);
      }
      control.setCredentials({ clientId: optionalString(b, 'clientId'), clientSecret: optionalString(b, 'clientSecret'), rejectAs: rejectAs as TokenRejection | undefined });
      return ok();
    }
    case 'POST secret-clients': {
      const b = parseBody(body);
      const clientId = optionalString(b, 'clientId');
      const clientSecret = optionalString(b, 'clientSecret');
      if (clientId === undefined || clientSecret === undefined) {
        throw new Error("'clientId' and 'clientSecret' (strings) are required.");
      }
      control.addSecretClient(clientId, clientSecret, numberField(b, 'caseCount'));
      return ok();
    }
    case 'POST certificate-clients': {
      const b = parseBody(body);
      const clientId = optionalString(b, 'clientId');
      const publicKeyPem = optionalString(b, 'publicKeyPem');
      if (clientId === undefined || publicKeyPem === undefined) {
        throw new Error("'clientId' and 'publicKeyPem' (strings) are required.");
      }
      control.addCertificateClient(clientId, publicKeyPem, b.caseCount === undefined ? undefined : numberField(b, 'caseCount'));
      return ok();
    }
    case 'POST token-lifetime': control.setTokenLifetime(numberField(parseBody(body), 'seconds')); return ok();
    case 'GET beacons': return ok(control.beacons());
    case 'DELETE beacons': control.clearBeacons(); return ok();
    case 'GET accounts': return ok(control.accounts());
    case 'POST accounts': {
      const sacs = parseBody(body).sacs;
      if (!Array.isArray(sacs) || !sacs.every((s): s is string => typeof s === 'string')) {
        throw new Error("'sacs' (array of strings) is required.");
      }
      return ok(control.setAccounts(sacs));
    }
    case 'GET products': {
      const products = control.products(query.get('sac')?.[0] ?? '');
      return products ? ok(products) : { status: 404, body: { error: 'Unknown sac.' } };
    }
    case 'GET closed-long-ago': return ok(control.closedLongAgo());
    case 'POST closed-too-long': {
      const mode = optionalString(parseBody(body), 'mode');
      if (mode === undefined || !CLOSED_TOO_LONG_MODES.includes(mode as ClosedTooLongMode)) {
        throw new Error(`'mode' must be one of ${CLOSED_TOO_LONG_MODES.join(', ')}.`);
      }
      control.setClosedTooLong(mode as ClosedTooLongMode);
      return ok();
    }
    case 'POST hostile-attachments': {
      const caseNumber = optionalString(parseBody(body), 'caseNumber');
      if (caseNumber === undefined || control.getCase(caseNumber) === undefined) {
        throw new Error("'caseNumber' must name an existing case.");
      }
      return ok(control.addHostileAttachments(caseNumber));
    }
    case 'GET attachment-info': {
      const info = control.attachmentInfo(query.get('caseId')?.[0] ?? '', query.get('attachmentId')?.[0] ?? '');
      return info ? ok(info) : { status: 404, body: { error: 'No such attachment.' } };
    }
    default:
      return { status: 404, body: { error: `No control endpoint ${method} /__control/${route}.` } };
  }
}

/** Runs one control request; bad input becomes 400 `{error}` so the caller sees why. */
export function handleControl(method: string, route: string, rawQuery: string, body: Buffer, control: FakeApiControl, info: () => ServerInfo): ControlResult {
  try {
    return dispatch(method, route, parseQueryString(rawQuery), body, control, info);
  } catch (error) {
    return { status: 400, body: { error: error instanceof Error ? error.message : String(error) } };
  }
}
