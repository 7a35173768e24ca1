// The service account's client id and secret, kept only in VS Code's SecretStorage.
// Other windows share the same storage; secrets.onDidChange keeps this window in step with them.

import * as vscode from 'vscode';
import { Credentials } from '../api/types';

const SECRET_KEY = 'axwaySupport.serviceAccount';

export class CredentialStore implements vscode.Disposable {
  private cached: Credentials | undefined;
  private loaded = false;
  private readonly changed = new vscode.EventEmitter<Credentials | undefined>();
  /** Fires after the stored credentials changed, here or in another window. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange(async (e) => {
      if (e.key === SECRET_KEY) {
        const before = this.cached;
        const after = await this.read();
        if (!sameCredentials(before, after)) {
          this.changed.fire(after);
        }
      }
    });
  }

  /** The stored pair, read once and then served from memory. */
  async get(): Promise<Credentials | undefined> {
    if (!this.loaded) {
      await this.read();
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
    const before = this.cached;
    this.cached = credentials;
    this.loaded = true;
    if (!sameCredentials(before, credentials)) {
      this.changed.fire(credentials);
    }
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
    const before = this.cached;
    this.cached = undefined;
    this.loaded = true;
    if (before) {
      this.changed.fire(undefined);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private async read(): Promise<Credentials | undefined> {
    const raw = await this.secrets.get(SECRET_KEY);
    this.cached = parseStored(raw);
    this.loaded = true;
    return this.cached;
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
