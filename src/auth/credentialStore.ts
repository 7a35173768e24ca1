// The service account's client id and secret, kept only in VS Code's SecretStorage.
// Other windows share the same storage; secrets.onDidChange keeps this window in step with them.

import { createHash } from 'crypto';
import * as vscode from 'vscode';
import { Credentials, credentialSecret } from '../api/types';
import { parseStoredCredentials, sameCredentials, serializeCredentials } from './storedCredentials';

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
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === SECRET_KEY) {
        // Another window (or this one) wrote the entry. A keyring that fails now is reported by the next get().
        this.read().then(
          (credentials) => this.announce(credentials),
          () => undefined
        );
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
    return this.cached ? credentialSecret(this.cached) : undefined;
  }

  async store(credentials: Credentials): Promise<void> {
    await keyring('store the service account in', () => this.secrets.store(SECRET_KEY, serializeCredentials(credentials)));
    this.readSeq++;
    this.cached = credentials;
    this.loaded = true;
    // Always an event, even for the pair already stored: signing in again must reload what is shown.
    this.announce(credentials, true);
  }

  async clear(): Promise<void> {
    await keyring('remove the service account from', () => this.secrets.delete(SECRET_KEY));
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
    const value = parseStoredCredentials(await keyring('read the service account from', () => this.secrets.get(SECRET_KEY)));
    if (seq === this.readSeq) {
      this.cached = value;
      this.loaded = true;
    }
    return this.cached;
  }

  private announce(credentials: Credentials | undefined, always = false): void {
    if (always || !sameCredentials(this.announced, credentials)) {
      this.announced = credentials;
      this.changed.fire(credentials);
    }
  }
}

/**
 * The account id of a service account: a hash of its client ID, so tab state and extension state can name the
 * account without holding the client ID in clear. Same client ID, same account (a rotated secret keeps its tabs).
 */
export function accountIdOf(clientId: string): string {
  return `sa-${createHash('sha256').update(clientId).digest('hex').slice(0, 16)}`;
}

/** SecretStorage fails when the OS keyring is locked or missing: say so, instead of a bare "Cannot get password". */
async function keyring<T>(what: string, action: () => Thenable<T>): Promise<T> {
  try {
    return await action();
  } catch (err) {
    const reason = err instanceof Error && err.message ? ` (${err.message.slice(0, 200)})` : '';
    throw new Error(
      `VS Code could not ${what} its secret storage${reason}. The OS keyring may be locked or unavailable: unlock it (or set one up), then try again.`,
      { cause: err }
    );
  }
}
