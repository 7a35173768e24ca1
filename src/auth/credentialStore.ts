// The service account's client id and secret, kept only in VS Code's SecretStorage.
// Other windows share the same storage; secrets.onDidChange keeps this window in step with them.

import { createHash } from 'crypto';
import * as vscode from 'vscode';
import { Credentials } from '../api/types';

const SECRET_KEY = 'axwaySupport.serviceAccount';

export class CredentialStore implements vscode.Disposable {
  private cached: Credentials | undefined;
  private loaded = false;
  /** What listeners were last told; events fire only when this changes (store() and onDidChange both report a write). */
  private announced: Credentials | undefined;
  /** Only the newest read may set the cache: reads triggered by quick successive changes can finish out of order. */
  private readSeq = 0;
  /** The read in flight while nothing is loaded yet. */
  private firstRead: Promise<unknown> | undefined;
  private readonly changed = new vscode.EventEmitter<Credentials | undefined>();
  /** Fires after the stored credentials changed, here or in another window. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange(async (e) => {
      if (e.key === SECRET_KEY) {
        this.announce(await this.read());
      }
    });
  }

  /** The stored pair, read once and then served from memory. */
  async get(): Promise<Credentials | undefined> {
    if (!this.loaded) {
      // Callers that ask before the first read finished (activation and a restored case panel) share it: a caller
      // whose own read was superseded would otherwise answer "signed out" before any value was known.
      do {
        this.firstRead ??= this.read().finally(() => {
          this.firstRead = undefined;
        });
        await this.firstRead;
      } while (!this.loaded);
      // The first read is the baseline the caller acts on; later changes are reported as events.
      this.announced = this.cached;
    }
    return this.cached;
  }

  get isSignedIn(): boolean {
    return this.cached !== undefined;
  }

  /** The secret held in memory, so the logger can scrub it from anything it is about to write. */
  get cachedSecret(): string | undefined {
    return this.cached?.clientSecret;
  }

  async store(credentials: Credentials): Promise<void> {
    await this.secrets.store(SECRET_KEY, JSON.stringify({ clientId: credentials.clientId, clientSecret: credentials.clientSecret }));
    this.readSeq++;
    this.cached = credentials;
    this.loaded = true;
    this.announce(credentials);
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
    this.readSeq++;
    this.cached = undefined;
    this.loaded = true;
    this.announce(undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async read(): Promise<Credentials | undefined> {
    const seq = ++this.readSeq;
    const value = parseStored(await this.secrets.get(SECRET_KEY));
    if (seq === this.readSeq) {
      this.cached = value;
      this.loaded = true;
    }
    return this.cached;
  }

  private announce(credentials: Credentials | undefined): void {
    if (!sameCredentials(this.announced, credentials)) {
      this.announced = credentials;
      this.changed.fire(credentials);
    }
  }
}

function parseStored(raw: string | undefined): Credentials | undefined {
  if (!raw) {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value === 'object' && value !== null) {
      const { clientId, clientSecret } = value as Record<string, unknown>;
      if (typeof clientId === 'string' && typeof clientSecret === 'string' && clientId && clientSecret) {
        return { clientId, clientSecret };
      }
    }
  } catch {
    // A corrupt entry counts as signed out; signing in again overwrites it.
  }
  return undefined;
}

function sameCredentials(a: Credentials | undefined, b: Credentials | undefined): boolean {
  return a?.clientId === b?.clientId && a?.clientSecret === b?.clientSecret;
}

/**
 * The account id of a service account: a hash of its client ID, so tab state and extension state can name the
 * account without holding the client ID in clear. Same client ID, same account (a rotated secret keeps its tabs).
 */
export function accountIdOf(clientId: string): string {
  return `sa-${createHash('sha256').update(clientId).digest('hex').slice(0, 16)}`;
}
