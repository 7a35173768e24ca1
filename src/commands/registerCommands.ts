// The extension's commands. Each handler catches its own failures: a command never rejects into VS Code's
// generic "command failed" toast, it shows our message with a next step instead.

import * as vscode from 'vscode';
import { isApiError } from '../api/errors';
import { Logger } from '../api/types';
import { AccountStore } from '../auth/accountStore';
import { AccountModels } from '../cases/accountModels';
import { pickAccount } from './accountPick';
import { accountOfCaseNumber } from './caseAccount';
import type { SignInFlow } from '../auth/signInFlow';
import { portalCaseUri } from '../network/endpoints';
import { LazyNetwork } from '../network/lazyNetwork';
import { guarded, UserMessages } from '../util/userMessages';
import { isAccountNode, isCaseNode } from '../views/treeNodes';
import type { CasePanelManager } from '../views/caseTab/casePanelManager';
import { CaseRef, isTypedCaseNumber, parseCaseRef } from '../cases/caseRef';
import { Commands } from '../util/ids';

export interface CommandDeps {
  readonly store: AccountStore;
  readonly signIn: Pick<SignInFlow, 'run' | 'rememberClientId'>;
  readonly network: LazyNetwork;
  readonly messages: UserMessages;
  readonly models: AccountModels;
  /** Opens a case's tab (the tab code loads on first use). */
  readonly panels: Pick<CasePanelManager, 'open'>;
  readonly logger: Logger & { show(): void };
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { store, signIn, models, panels, logger, messages } = deps;
  /** The account a root row's menu (or a caller) names; with none: the only one, or the one the person picks. */
  const accountOf = async (arg: unknown, title: string): Promise<string | undefined> => {
    if (isAccountNode(arg)) {
      return arg.account;
    }
    if (typeof arg === 'string' && models.modelOf(arg)) {
      return arg;
    }
    return (await pickAccount(models.entries, title))?.id;
  };
  /** Every handler reports its own failure (with a next step) instead of rejecting into VS Code. */
  const register = (id: string, what: string, handler: (...args: unknown[]) => unknown): vscode.Disposable =>
    vscode.commands.registerCommand(id, guarded(messages, what, handler));
  return [
    register(Commands.signIn, vscode.l10n.t('Signing in'), async (arg?: unknown) => {
      // Signing in again for a named account (the row of a refused one) starts with its client ID and kind.
      const named = typeof arg === 'string' ? (await store.list()).find((a) => a.id === arg) : undefined;
      if (named) {
        signIn.rememberClientId(named.clientId, named.kind);
      }
      return signIn.run();
    }),
    // The same flow as signing in: signed in, it adds an account beside the others (the view's … menu and account roots).
    register(Commands.addAccount, vscode.l10n.t('Adding an account'), () => signIn.run()),
    register(Commands.signOut, vscode.l10n.t('Signing out'), async (arg?: unknown) => {
      const account = await accountOf(arg, vscode.l10n.t('Sign Out'));
      if (account === undefined) {
        return;
      }
      await signOutAccount(deps, account);
      void messages.info(vscode.l10n.t('Axway Support: Signed out. The service account credentials were removed from this machine.'));
    }),
    register(Commands.renameAccount, vscode.l10n.t('Renaming the account'), async (arg?: unknown) => {
      const account = await accountOf(arg, vscode.l10n.t('Rename Account…'));
      const entry = models.entries.find((e) => e.id === account);
      if (!entry) {
        return;
      }
      const label = await vscode.window.showInputBox({
        title: vscode.l10n.t('Axway Support: Rename Account…'),
        prompt: vscode.l10n.t('Name for the service account {0} (empty: the default name)', entry.clientId),
        value: entry.label,
        ignoreFocusOut: true,
        validateInput: (v) => (v.length > 100 ? vscode.l10n.t('At most {0} characters.', 100) : undefined)
      });
      if (label !== undefined) {
        await store.rename(account ?? '', label);
      }
    }),
    // The view shows its own progress bar while a model is busy (ViewProgress). A root row refreshes its account.
    register(Commands.refresh, vscode.l10n.t('Refreshing the cases'), (arg?: unknown, account?: unknown) => {
      const named = isAccountNode(arg) ? arg.account : typeof account === 'string' ? account : undefined;
      const model = named !== undefined ? models.modelOf(named) : undefined;
      return model ? model.refresh() : models.refreshAll();
    }),
    register(Commands.loadMore, vscode.l10n.t('Loading more cases'), (partKey?: unknown, account?: unknown) =>
      ((typeof account === 'string' ? models.modelOf(account) : undefined) ?? models.primary).loadMore(typeof partKey === 'string' ? partKey : undefined)
    ),
    register(Commands.openCase, vscode.l10n.t('Opening the case'), async (arg?: unknown) => {
      if (models.entries.length === 0) {
        await offerSignIn(messages, signIn, vscode.l10n.t('Axway Support: Sign in to open a case.'));
        return;
      }
      // A bare number (typed, or from another caller) belongs to the account that lists it, or the one the person picks.
      const title = vscode.l10n.t('Open Case');
      const target = await withAccount(await caseNumberOf(arg, title), models, title);
      if (target.kind !== 'case') {
        reportNoCase(messages, logger, target, vscode.l10n.t('it cannot be opened'));
        return;
      }
      const model = models.modelOf(target.ref.account);
      if (!model) {
        // Never show a case under an account other than the one it was listed for.
        await offerSignIn(messages, signIn, vscode.l10n.t('Axway Support: Case {0} belongs to a service account that is not signed in.', target.ref.caseNumber));
        return;
      }
      panels.open(target.ref);
      // Opening a case clears its "updated" mark.
      await model.markSeen(target.ref.caseNumber);
    }),
    register(Commands.openInPortal, vscode.l10n.t('Opening the support portal'), async (arg?: unknown) => {
      // The portal is one site for every organisation: a bare number needs no account.
      const target = await caseNumberOf(arg, vscode.l10n.t('Open in Support Portal'));
      if (target.kind !== 'case' && target.kind !== 'number') {
        reportNoCase(messages, logger, target, vscode.l10n.t('it has no page in the support portal'));
        return;
      }
      await openPortal(messages, numberOf(target));
    }),
    register(Commands.copyCaseNumber, vscode.l10n.t('Copying the case number'), async (arg?: unknown) => {
      const target = await caseNumberOf(arg, vscode.l10n.t('Copy Case Number'));
      if (target.kind !== 'case' && target.kind !== 'number') {
        reportNoCase(messages, logger, target, vscode.l10n.t('there is nothing to copy'));
        return;
      }
      const caseNumber = numberOf(target);
      await vscode.env.clipboard.writeText(caseNumber);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Axway Support: copied case number {0}', caseNumber), 5000);
    }),
    register(Commands.showLog, vscode.l10n.t('Showing the log'), () => logger.show())
  ];
}

/** Signs one account out: its secret, token, cached lists, seen state and tabs; the other accounts stay. */
export async function signOutAccount(deps: Pick<CommandDeps, 'store' | 'signIn' | 'network' | 'models' | 'logger'>, account: string): Promise<void> {
  const entry = (await deps.store.list()).find((a) => a.id === account);
  if (!entry) {
    return;
  }
  deps.signIn.rememberClientId(entry.clientId);
  await deps.store.remove(account);
  deps.network.clearToken(account);
  // The account's cached lists and seen state leave with it (its model and tabs follow the store's change event).
  await deps.models.primary.forgetAccount(account);
  deps.logger.info('Signed out.');
}

export async function openPortal(messages: UserMessages, caseNumber: string): Promise<void> {
  try {
    await vscode.env.openExternal(portalCaseUri(caseNumber));
  } catch (err) {
    const message = isApiError(err) ? err.message : vscode.l10n.t('The support portal address is not valid.');
    const openSettings = vscode.l10n.t('Open Settings');
    const choice = await messages.error(vscode.l10n.t('Axway Support: Cannot open the support portal. {0}', message), openSettings);
    if (choice === openSettings) {
      vscode.commands.executeCommand('workbench.action.openSettings', 'axwaySupport.portalCaseUrl').then(undefined, () => undefined);
    }
  }
}

/** What a case command was invoked on. */
type CaseTarget =
  | { readonly kind: 'case'; readonly ref: CaseRef }
  /** A bare number (typed by the person, or a plain string from another caller): whose it is, is not known yet. */
  | { readonly kind: 'number'; readonly caseNumber: string }
  /** A row of a case that the API sent without a case number. */
  | { readonly kind: 'noNumber' }
  /** The person dismissed the input box. */
  | { readonly kind: 'cancelled' }
  /** An argument that is no case (another extension, a stale or malformed argument). */
  | { readonly kind: 'invalid' };

/**
 * The case behind a command's argument: a tree row (CaseNode, from a context menu or inline action), a CaseRef
 * (a row's own command), a plain case number (other callers), or nothing (the palette), in which case the person
 * is asked; a bare number carries no account (see withAccount). A number from the API is used as sent, whatever its
 * characters (the API layer URL-encodes it): only typed input is held to the typed-number format.
 */
async function caseNumberOf(arg: unknown, title: string): Promise<CaseTarget> {
  if (arg === undefined || arg === null) {
    const typed = await askCaseNumber(title);
    if (typed === undefined) {
      return { kind: 'cancelled' };
    }
    return { kind: 'number', caseNumber: typed };
  }
  if (isCaseNode(arg)) {
    return arg.ref.caseNumber === '' ? { kind: 'noNumber' } : { kind: 'case', ref: arg.ref };
  }
  const ref = parseCaseRef(arg);
  if (ref) {
    return { kind: 'case', ref: { account: ref.account, caseNumber: ref.caseNumber.trim() } };
  }
  if (typeof arg === 'object' && typeof (arg as { account?: unknown }).account === 'string') {
    const caseNumber = (arg as { caseNumber?: unknown }).caseNumber;
    if (caseNumber === undefined || caseNumber === null || (typeof caseNumber === 'string' && caseNumber.trim() === '')) {
      return { kind: 'noNumber' };
    }
  }
  if (typeof arg === 'string' && arg.trim() !== '' && arg.length <= 200) {
    return { kind: 'number', caseNumber: arg.trim() };
  }
  return { kind: 'invalid' };
}

/** A bare number's account: the one whose loaded cases list it, or the one the person picks (dismissed: cancelled). */
async function withAccount(target: CaseTarget, models: AccountModels, title: string): Promise<Exclude<CaseTarget, { kind: 'number' }>> {
  if (target.kind !== 'number') {
    return target;
  }
  const entry = await accountOfCaseNumber(models.entries, target.caseNumber, title);
  return entry ? { kind: 'case', ref: { account: entry.id, caseNumber: target.caseNumber } } : { kind: 'cancelled' };
}

function numberOf(target: Extract<CaseTarget, { kind: 'case' | 'number' }>): string {
  return target.kind === 'case' ? target.ref.caseNumber : target.caseNumber;
}

async function offerSignIn(messages: UserMessages, signIn: Pick<SignInFlow, 'run'>, message: string): Promise<void> {
  const label = vscode.l10n.t('Sign in');
  if ((await messages.error(message, label)) === label) {
    await signIn.run();
  }
}

/** Says why a case command did nothing; a dismissed input box needs no message. */
function reportNoCase(messages: UserMessages, logger: Logger, target: Exclude<CaseTarget, { kind: 'case' | 'number' }>, consequence: string): void {
  let message: string;
  if (target.kind === 'noNumber') {
    message = vscode.l10n.t("This case has no case number in the Support API's answer, so {0}.", consequence);
  } else if (target.kind === 'invalid') {
    message = vscode.l10n.t('The command was not given a case. Run it from a case in the Recent Cases view.');
  } else {
    return;
  }
  // Logged as well: the log is what a person sends to support when the message is gone.
  logger.warn(message);
  void messages.error(vscode.l10n.t('Axway Support: {0}', message));
}

async function askCaseNumber(title: string): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Axway Support: {0}', title),
    prompt: vscode.l10n.t('Case number'),
    placeHolder: vscode.l10n.t('e.g. {0}', '01314580'),
    ignoreFocusOut: true,
    validateInput: (v) => (isTypedCaseNumber(v.trim()) ? undefined : vscode.l10n.t('Enter a case number: letters, digits or dashes, at most {0}.', 32))
  });
  const trimmed = value?.trim();
  return trimmed !== undefined && isTypedCaseNumber(trimmed) ? trimmed : undefined;
}
