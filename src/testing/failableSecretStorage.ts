// Test mode only (see extension.ts): the real SecretStorage, which a test can make fail like an unavailable OS keyring.

import * as vscode from 'vscode';

/** A test seam around the real SecretStorage: while `failing`, every call rejects as a locked keyring does. */
export class FailableSecretStorage implements vscode.SecretStorage {
  failing = false;
  readonly onDidChange: vscode.Event<vscode.SecretStorageChangeEvent>;

  constructor(private readonly inner: vscode.SecretStorage) {
    this.onDidChange = inner.onDidChange;
  }

  get(key: string): Thenable<string | undefined> {
    return this.failing ? this.fail() : this.inner.get(key);
  }

  store(key: string, value: string): Thenable<void> {
    return this.failing ? this.fail() : this.inner.store(key, value);
  }

  delete(key: string): Thenable<void> {
    return this.failing ? this.fail() : this.inner.delete(key);
  }

  private fail(): Promise<never> {
    return Promise.reject(new Error('Cannot get password: the OS keyring is not available'));
  }
}
