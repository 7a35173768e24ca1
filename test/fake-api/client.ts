// Drives a running fake API's /__control/* endpoints from another process (extension-host integration tests, UI tests).

import type {
  AttachmentInfo, BeaconRecord, CaseUpsert, ClosedTooLongMode, CredentialsUpdate, FakeAccount, FakeApiStats, FakeAttachment, FakeCaseDetail,
  FakeCaseSummary, FakeProduct, FakeTarget, Fault, FaultSpec, ListShape, RequestRecord
} from './types';

export interface FakeApiInfo {
  origin: string;
  tokenUrl: string;
  apiBaseUrl: string;
  clientId: string;
  clientSecret: string;
}

/**
 * An access token of the fake for its client-credentials pair, asked for as any client would: for tests that call the
 * API directly. Throws unless the token endpoint answers 200.
 */
export async function fakeAccessToken(fake: Pick<FakeApiInfo, 'tokenUrl' | 'clientId' | 'clientSecret'>): Promise<string> {
  const response = await fetch(fake.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: fake.clientId, client_secret: fake.clientSecret }).toString()
  });
  if (response.status !== 200) {
    throw new Error(`token: HTTP ${response.status}`);
  }
  return ((await response.json()) as { access_token: string }).access_token;
}

export class FakeApiRemote {
  readonly origin: string;

  constructor(origin: string) {
    this.origin = origin.replace(/\/+$/, '');
  }

  private async call<T>(method: string, route: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.origin}/__control/${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`Fake API control ${method} ${route} failed with ${response.status}: ${text}`);
    }
    return JSON.parse(text) as T;
  }

  info(): Promise<FakeApiInfo> {
    return this.call('GET', 'info');
  }

  async healthy(): Promise<boolean> {
    try {
      return (await fetch(`${this.origin}/healthz`)).ok;
    } catch {
      return false;
    }
  }

  async reset(): Promise<void> {
    await this.call('POST', 'reset');
  }

  async addFault(fault: FaultSpec): Promise<string> {
    return (await this.call<{ id: string }>('POST', 'faults', fault)).id;
  }

  async removeFault(id: string): Promise<void> {
    await this.call('DELETE', `faults/${encodeURIComponent(id)}`);
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', 'faults');
  }

  faults(): Promise<Fault[]> {
    return this.call('GET', 'faults');
  }

  requests(target?: FakeTarget): Promise<RequestRecord[]> {
    return this.call('GET', target ? `requests?target=${encodeURIComponent(target)}` : 'requests');
  }

  /** Every bearer token the API was sent so far (what a leak check looks for). */
  async bearerTokens(): Promise<Set<string>> {
    const tokens = new Set<string>();
    for (const request of await this.requests()) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
      if (bearer) {
        tokens.add(bearer[1]);
      }
    }
    return tokens;
  }

  async clearRequests(): Promise<void> {
    await this.call('DELETE', 'requests');
  }

  stats(): Promise<FakeApiStats> {
    return this.call('GET', 'stats');
  }

  upsertCase(partial: CaseUpsert, clientId?: string): Promise<FakeCaseDetail> {
    return this.call('POST', 'cases', clientId === undefined ? partial : { ...partial, forClientId: clientId });
  }

  async removeCase(caseNumber: string): Promise<boolean> {
    return (await this.call<{ removed: boolean }>('DELETE', `cases/${encodeURIComponent(caseNumber)}`)).removed;
  }

  async setCaseCount(count: number): Promise<void> {
    await this.call('POST', 'case-count', { count });
  }

  async revokeTokens(): Promise<void> {
    await this.call('POST', 'revoke-tokens');
  }

  async setCredentials(update: CredentialsUpdate): Promise<void> {
    await this.call('POST', 'credentials', update);
  }

  async addSecretClient(clientId: string, clientSecret: string, caseCount: number): Promise<void> {
    await this.call('POST', 'secret-clients', { clientId, clientSecret, caseCount });
  }

  async addCertificateClient(clientId: string, publicKeyPem: string, caseCount?: number): Promise<void> {
    await this.call('POST', 'certificate-clients', caseCount === undefined ? { clientId, publicKeyPem } : { clientId, publicKeyPem, caseCount });
  }

  async setTokenLifetime(seconds: number): Promise<void> {
    await this.call('POST', 'token-lifetime', { seconds });
  }

  beacons(): Promise<BeaconRecord[]> {
    return this.call('GET', 'beacons');
  }

  async clearBeacons(): Promise<void> {
    await this.call('DELETE', 'beacons');
  }

  /** Changes the shape of list and case answers (see ListShape); reset() restores the start-up shape. */
  setListShape(shape: Partial<ListShape>): Promise<ListShape> {
    return this.call('POST', 'list-shape', shape);
  }

  listShape(): Promise<ListShape> {
    return this.call('GET', 'list-shape');
  }

  async addHostileCases(): Promise<string[]> {
    return (await this.call<{ caseNumbers: string[] }>('POST', 'hostile-cases')).caseNumbers;
  }

  listAll(): Promise<FakeCaseSummary[]> {
    return this.call('GET', 'cases');
  }

  async getCase(caseNumber: string): Promise<FakeCaseDetail | undefined> {
    const response = await fetch(`${this.origin}/__control/cases/${encodeURIComponent(caseNumber)}`);
    if (response.status === 404) {
      return undefined;
    }
    if (!response.ok) {
      throw new Error(`Fake API control GET cases/${caseNumber} failed with ${response.status}`);
    }
    return (await response.json()) as FakeCaseDetail;
  }

  accounts(): Promise<FakeAccount[]> {
    return this.call('GET', 'accounts');
  }

  /** The organisation's accounts by sac (one or several of the catalog's three); reset() restores all three. */
  setAccounts(sacs: readonly string[]): Promise<FakeAccount[]> {
    return this.call('POST', 'accounts', { sacs });
  }

  async products(sac: string): Promise<FakeProduct[] | undefined> {
    const response = await fetch(`${this.origin}/__control/products?sac=${encodeURIComponent(sac)}`);
    return response.ok ? ((await response.json()) as FakeProduct[]) : undefined;
  }

  /** How many requests of each kind (token, listCases, getCase, addNote, createCase, closeCase, attachment, accounts, products) arrived since the last reset or clearRequests. */
  async counts(): Promise<Record<FakeTarget, number>> {
    return (await this.stats()).counts;
  }

  /** Requests of one kind since the last reset or clearRequests. */
  async count(target: FakeTarget): Promise<number> {
    return (await this.counts())[target];
  }

  /** Case numbers of cases closed more than 45 days ago (the seed has some): adding a note to them answers 403. */
  closedLongAgo(): Promise<string[]> {
    return this.call('GET', 'closed-long-ago');
  }

  /** The 45-day rule of POST /note: 'enforce' (default, restored by reset()), 'always' (every note refused) or 'never'. */
  async setClosedTooLong(mode: ClosedTooLongMode): Promise<void> {
    await this.call('POST', 'closed-too-long', { mode });
  }

  /** Adds downloadable attachments named like HOSTILE_FILE_NAMES to the case (half on the case, half on a new note). */
  addHostileAttachments(caseNumber: string): Promise<FakeAttachment[]> {
    return this.call('POST', 'hostile-attachments', { caseNumber });
  }

  /** What the fake stored for an attachment (name, size, SHA-256, content type), or undefined. */
  async attachmentInfo(caseNumber: string, attachmentId: string): Promise<AttachmentInfo | undefined> {
    const response = await fetch(`${this.origin}/__control/attachment-info?caseId=${encodeURIComponent(caseNumber)}&attachmentId=${encodeURIComponent(attachmentId)}`);
    return response.ok ? ((await response.json()) as AttachmentInfo) : undefined;
  }
}
