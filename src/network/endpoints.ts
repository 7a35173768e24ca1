// The endpoint settings (token, API and portal URLs). They are application-scoped in package.json; reading only the
// user/default values here as well means no workspace or folder settings file can redirect where the client secret or the token is sent.

import * as vscode from 'vscode';
import { validateEndpointUrl } from '../api/url';
import { SETTINGS_SECTION, userSetting } from '../util/settings';

function userValue(key: string): string {
  const value = userSetting(key);
  return typeof value === 'string' ? value.trim() : '';
}

export interface Endpoints {
  readonly tokenUrl: string;
  readonly apiBaseUrl: string;
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
