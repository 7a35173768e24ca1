// The words the New Support Case page app (src/webviews/newCase) shows by itself, in one place, localised here: the
// page receives them written into its HTML and never carries text of its own.

import * as vscode from 'vscode';
import type { NewCasePageStrings } from '../../webviews/newCase/protocol';

export function newCasePageStrings(): NewCasePageStrings {
  return {
    chooseAccountFirst: vscode.l10n.t('Choose an account first'),
    chooseProductFirst: vscode.l10n.t('Choose a product first'),
    loading: vscode.l10n.t('Loading…'),
    loadingProducts: vscode.l10n.t('Loading products…'),
    accountsNotLoaded: vscode.l10n.t('Accounts not loaded'),
    productsNotLoaded: vscode.l10n.t('Products not loaded'),
    retry: vscode.l10n.t('Retry'),
    retryAccounts: vscode.l10n.t('Retry loading the accounts'),
    retryProducts: vscode.l10n.t('Retry loading the products'),
    checking: vscode.l10n.t('Checking…'),
    remove: vscode.l10n.t('Remove'),
    removeFile: vscode.l10n.t('Remove {0}'),
    controlCharacter: vscode.l10n.t('Invisible control character {0}'),
    byte: vscode.l10n.t('1 byte'),
    bytes: vscode.l10n.t('{0} bytes'),
    kilobytes: vscode.l10n.t('{0} KB'),
    megabytes: vscode.l10n.t('{0} MB')
  };
}
