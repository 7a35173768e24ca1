// Endpoint settings. They are application-scoped in package.json; reading only the user/default values here as
// well means no workspace or folder settings file can redirect where the client secret or the token is sent.

import * as vscode from 'vscode';
import { validateEndpointUrl } from '../api/url';

export const SETTINGS_SECTION = 'axwaySupport';

export interface Endpoints {
  readonly tokenUrl: string;
  readonly apiBaseUrl: string;
}

/**
 * A setting's value from the user's settings (or its default), never a workspace's or folder's: for the settings
 * that send the user's credentials somewhere, spend requests with the token or raise pop-ups. They are
 * application-scoped in package.json as well; reading only the user value here keeps a repository's
 * .vscode/settings.json out even in a host that does not apply the scope.
 */
export function userSetting(key: string): unknown {
  const inspected = vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect<unknown>(key);
  return inspected?.globalValue ?? inspected?.defaultValue;
}

function userValue(key: string): string {
  const value = userSetting(key);
  return typeof value === 'string' ? value.trim() : '';
}

/** Throws an ApiError of kind 'config' with a readable message when a URL is not acceptable. */
export function readEndpoints(): Endpoints {
  const tokenUrl = validateEndpointUrl(userValue('tokenUrl'), `${SETTINGS_SECTION}.tokenUrl`).toString();
  const apiBaseUrl = validateEndpointUrl(userValue('apiBaseUrl'), `${SETTINGS_SECTION}.apiBaseUrl`).toString().replace(/\/+$/, '');
  return { tokenUrl, apiBaseUrl };
}

/** The case's page in the support portal; `{caseNumber}` is replaced with the encoded case number. */
export function portalCaseUri(caseNumber: string): vscode.Uri {
  const template = userValue('portalCaseUrl');
  const url = validateEndpointUrl(template.split('{caseNumber}').join(encodeURIComponent(caseNumber)), `${SETTINGS_SECTION}.portalCaseUrl`);
  return vscode.Uri.parse(url.toString(), true);
}

/**
 * Settings after which the token client and the API service are rebuilt. VS Code's proxy settings are not among
 * them: VS Code's proxy support reads them for every request (see src/api/http.ts).
 */
export function affectsNetwork(e: vscode.ConfigurationChangeEvent): boolean {
  return (
    e.affectsConfiguration(`${SETTINGS_SECTION}.tokenUrl`) ||
    e.affectsConfiguration(`${SETTINGS_SECTION}.apiBaseUrl`)
  );
}
