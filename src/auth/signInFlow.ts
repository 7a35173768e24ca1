// "Sign in with service account": asks which kind of account, then the client id and either the secret or the PEM
// private key file, verifies them with a real token request BEFORE storing anything, and lets the user retry without
// retyping the id. A key file is read once; its passphrase only decrypts it here; neither the path nor the passphrase
// is kept anywhere.

import * as vscode from 'vscode';
import { Credentials, credentialSecret, Logger } from '../api/types';
import { isApiError } from '../api/errors';
import { Commands } from '../util/ids';
import { Telemetry } from '../telemetry/telemetry';
import { telemetryErrorProps } from '../telemetry/sanitize';
import { UserMessages } from '../util/userMessages';
import type { AccountStore } from './accountStore';
import { isEncryptedPem, PrivateKeyError, readRsaPrivateKey } from '../api/clientAssertion';
import { AccountKind, SignInPrompts, windowSignInPrompts } from './signInPrompts';

/** Far larger than any PEM private key: a bigger file is not one, and is not read into memory whole. */
const MAX_KEY_FILE_BYTES = 64 * 1024;

export interface SignInDeps {
  readonly store: Pick<AccountStore, 'store'>;
  readonly verify: (candidate: Credentials) => Promise<void>;
  readonly logger: Logger;
  readonly telemetry: Telemetry;
  readonly messages: UserMessages;
  /** The prompts (the window's own unless a test scripts them). */
  readonly prompts?: SignInPrompts;
}

export type SignInResult = 'signedIn' | 'cancelled' | 'failed';

export class SignInFlow {
  /** Pre-fills the next prompt (after a failure, or after the server rejected the stored pair). Memory only. */
  private lastClientId = '';
  private lastKind: AccountKind = 'secret';
  /** The secret being verified: known to the logger so it can never be written, even before it is stored. */
  private candidateSecret: string | undefined;

  constructor(private readonly deps: SignInDeps) {}

  get pendingSecret(): string | undefined {
    return this.candidateSecret;
  }

  /** The next sign-in starts with this client ID (and, when given, this kind of account preselected). */
  rememberClientId(clientId: string, kind?: AccountKind): void {
    this.lastClientId = clientId;
    if (kind !== undefined) {
      this.lastKind = kind;
    }
  }

  async run(): Promise<SignInResult> {
    const kind = await this.prompts.pickKind(this.lastKind);
    if (kind === undefined) {
      return 'cancelled';
    }
    this.lastKind = kind;
    return kind === 'certificate' ? this.runCertificate() : this.runSecret();
  }

  private get prompts(): SignInPrompts {
    return this.deps.prompts ?? windowSignInPrompts;
  }

  private async runSecret(): Promise<SignInResult> {
    for (;;) {
      const clientId = await this.askClientId(vscode.l10n.t('Axway Support: Sign in with a client secret (1/2)'));
      if (clientId === undefined) {
        return 'cancelled';
      }
      const clientSecret = await this.prompts.input({
        title: vscode.l10n.t('Axway Support: Sign in with a client secret (2/2)'),
        prompt: vscode.l10n.t('Client secret'),
        placeHolder: vscode.l10n.t('Client secret of the service account'),
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter the client secret of the service account.'))
      });
      if (clientSecret === undefined) {
        return 'cancelled';
      }
      const result = await this.verifyAndStore({ clientId, clientSecret: clientSecret.trim() });
      if (result !== 'retry') {
        return result;
      }
    }
  }

  private async runCertificate(): Promise<SignInResult> {
    for (;;) {
      const clientId = await this.askClientId(vscode.l10n.t('Axway Support: Sign in with a client certificate (1/2)'));
      if (clientId === undefined) {
        return 'cancelled';
      }
      const privateKey = await this.askPrivateKey();
      if (privateKey === 'cancelled' || privateKey === 'failed') {
        return privateKey;
      }
      const result = await this.verifyAndStore({ kind: 'certificate', clientId, privateKey: privateKey.pem });
      if (result !== 'retry') {
        return result;
      }
    }
  }

  private async askClientId(title: string): Promise<string | undefined> {
    const clientId = await this.prompts.input({
      title,
      prompt: vscode.l10n.t('Client ID'),
      placeHolder: vscode.l10n.t('Client ID of an Amplify Platform service account'),
      value: this.lastClientId,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter the client ID of the service account.'))
    });
    if (clientId === undefined) {
      return undefined;
    }
    this.lastClientId = clientId.trim();
    return this.lastClientId;
  }

  /** The chosen key file as unencrypted PKCS#8 PEM, asking again after a file that is no usable key. */
  private async askPrivateKey(): Promise<{ readonly pem: string } | 'cancelled' | 'failed'> {
    for (;;) {
      const uri = await this.prompts.openKeyFile({
        title: vscode.l10n.t('Axway Support: Sign in with a client certificate (2/2): the private key (PEM)'),
        openLabel: vscode.l10n.t('Use Private Key'),
        canSelectFiles: true,
        canSelectFolders: false,
        canSelectMany: false,
        filters: { [vscode.l10n.t('PEM private key')]: ['pem', 'key'], [vscode.l10n.t('All files')]: ['*'] }
      });
      if (uri === undefined) {
        return 'cancelled';
      }
      const key = await this.readKeyFile(uri);
      if (key.kind === 'key') {
        return { pem: key.pem };
      }
      if (key.kind === 'cancelled') {
        return 'cancelled';
      }
      const another = vscode.l10n.t('Choose Another File');
      const choice = await this.deps.messages.error(vscode.l10n.t('Axway Support: {0} Nothing was stored.', key.message), another);
      if (choice !== another) {
        return 'failed';
      }
    }
  }

  /** Reads the file once and checks it is an RSA private key, decrypting it with a passphrase when it is encrypted. */
  private async readKeyFile(uri: vscode.Uri): Promise<{ readonly kind: 'key'; readonly pem: string } | { readonly kind: 'problem'; readonly message: string } | { readonly kind: 'cancelled' }> {
    let text: string;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_KEY_FILE_BYTES) {
        return { kind: 'problem', message: vscode.l10n.t("The chosen file is too large to be a PEM private key. Choose the .pem file of the private key that belongs to the service account's certificate.") };
      }
      text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    } catch (err) {
      const reason = err instanceof Error && err.message ? ` (${err.message.slice(0, 200)})` : '';
      return { kind: 'problem', message: vscode.l10n.t('The private key file could not be read{0}. Check that it exists and that you may read it, or choose another file.', reason) };
    }
    const next = vscode.l10n.t("Choose the PEM file of the private key that belongs to the service account's certificate.");
    if (!isEncryptedPem(text)) {
      const checked = this.checkedKey(text, undefined, next);
      return checked.kind === 'wrongPassphrase' ? { kind: 'problem', message: `${vscode.l10n.t('The private key could not be decrypted.')} ${next}` } : checked;
    }
    for (;;) {
      const passphrase = await this.prompts.input({
        title: vscode.l10n.t('Axway Support: The private key is encrypted'),
        prompt: vscode.l10n.t('Passphrase of the private key (used once to decrypt it; not stored)'),
        password: true,
        ignoreFocusOut: true,
        validateInput: (v) => (v ? undefined : vscode.l10n.t('Enter the passphrase that protects the private key.'))
      });
      if (passphrase === undefined) {
        return { kind: 'cancelled' };
      }
      const checked = this.checkedKey(text, passphrase, next);
      if (checked.kind !== 'wrongPassphrase') {
        return checked;
      }
      const tryAgain = vscode.l10n.t('Try Again');
      const choice = await this.deps.messages.error(vscode.l10n.t('Axway Support: The passphrase does not decrypt the private key. Nothing was stored.'), tryAgain);
      if (choice !== tryAgain) {
        return { kind: 'cancelled' };
      }
    }
  }

  private checkedKey(
    text: string,
    passphrase: string | undefined,
    next: string
  ): { readonly kind: 'key'; readonly pem: string } | { readonly kind: 'problem'; readonly message: string } | { readonly kind: 'wrongPassphrase' } {
    try {
      return { kind: 'key', pem: toPkcs8Pem(text, passphrase) };
    } catch (err) {
      if (err instanceof PrivateKeyError && err.problem === 'wrongPassphrase') {
        return { kind: 'wrongPassphrase' };
      }
      return { kind: 'problem', message: `${err instanceof Error ? err.message : vscode.l10n.t('The file is not a private key.')} ${next}` };
    }
  }

  /**
   * Verifies a candidate pair with a token request and stores it only if that succeeds. No prompts or toasts,
   * so the integration tests can call it directly.
   */
  async attempt(given: Credentials): Promise<{ readonly ok: true } | { readonly ok: false; readonly error: unknown }> {
    let candidate = given;
    if (given.kind === 'certificate') {
      // Stored as unencrypted PKCS#8 whatever the file held (PKCS#1 "RSA PRIVATE KEY" included).
      try {
        candidate = { kind: 'certificate', clientId: given.clientId, privateKey: toPkcs8Pem(given.privateKey, undefined) };
      } catch (error) {
        return { ok: false, error };
      }
    }
    this.candidateSecret = credentialSecret(candidate);
    try {
      await this.deps.verify(candidate);
    } catch (error) {
      this.deps.logger.warn(`Sign-in failed: ${isApiError(error) ? error.kind : 'unexpected'}`);
      this.deps.telemetry.sendError('signIn', { result: 'failure', ...telemetryErrorProps(error) });
      return { ok: false, error };
    } finally {
      this.candidateSecret = undefined;
    }
    try {
      await this.deps.store.store(candidate);
    } catch (error) {
      // Verified, but the OS keyring refused to keep it: nothing is stored, say so.
      this.deps.logger.warn('Sign-in verified the service account but could not store it.');
      return { ok: false, error };
    }
    this.deps.telemetry.sendEvent('signIn', { result: 'success' });
    this.deps.logger.info('Signed in with a service account.');
    return { ok: true };
  }

  private async verifyAndStore(candidate: Credentials): Promise<SignInResult | 'retry'> {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Axway Support: Verifying the service account…') },
      () => this.attempt(candidate)
    );
    if (result.ok) {
      void this.deps.messages.info(vscode.l10n.t('Axway Support: Signed in. Loading your recent cases.'));
      return 'signedIn';
    }
    const err = result.error;
    const message = err instanceof Error && err.message ? err.message : vscode.l10n.t('The sign-in failed for an unexpected reason.');
    const tid = isApiError(err) && err.troubleshootingId ? ` ${vscode.l10n.t('(Troubleshooting ID: {0})', err.troubleshootingId)}` : '';
    const tryAgain = vscode.l10n.t('Try Again');
    const showLog = vscode.l10n.t('Show Log');
    const choice = await this.deps.messages.error(vscode.l10n.t('Axway Support: Sign-in failed. {0} Nothing was stored.', `${message}${tid}`), tryAgain, showLog);
    if (choice === tryAgain) {
      return 'retry';
    }
    if (choice === showLog) {
      vscode.commands.executeCommand(Commands.showLog).then(undefined, () => undefined);
    }
    return 'failed';
  }
}

/** Checks an RSA private key (decrypting it when a passphrase is given) and exports it as unencrypted PKCS#8 PEM. */
function toPkcs8Pem(pem: string, passphrase: string | undefined): string {
  return readRsaPrivateKey(pem, passphrase).export({ type: 'pkcs8', format: 'pem' }).toString();
}
