// Endpoint settings. They are application-scoped in package.json; reading only the user/default values here as
// well means no workspace or folder settings file can redirect where the client secret or the token is sent.

import * as vscode from 'vscode';
import { validateEndpointUrl } from '../api/url';

export const SETTINGS_SECTION = 'axwaySupport';

export interface Endpoints {
  readonly tokenUrl: string;
  readonly apiBaseUrl: string;
}

export interface ProxySettings {
  readonly url: string;
  readonly strictSSL: boolean;
  /** Hosts reached directly (http.noProxy, else NO_PROXY), as VS Code's own proxy support does. */
  readonly noProxy: readonly string[];
}

function userValue(key: string): string {
  const inspected = vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect<string>(key);
  const value = inspected?.globalValue ?? inspected?.defaultValue;
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
 * VS Code's own proxy settings, read with VS Code's rules so both take the same route: `http.proxySupport: off`
 * means no proxy for extensions, and `http.noProxy` (or, when it is empty, NO_PROXY) lists hosts reached directly.
 */
export function readProxy(): ProxySettings | undefined {
  const http = vscode.workspace.getConfiguration('http');
  if (http.get<string>('proxySupport') === 'off') {
    return undefined;
  }
  const url = (http.get<string>('proxy') ?? '').trim();
  if (!url) {
    return undefined;
  }
  const configured = (http.get<unknown>('noProxy') ?? []) as unknown;
  const listed = Array.isArray(configured) ? configured.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '') : [];
  const fromEnv = (process.env.no_proxy ?? process.env.NO_PROXY ?? '').split(',').filter((entry) => entry.trim() !== '');
  return { url, strictSSL: http.get<boolean>('proxyStrictSSL') ?? true, noProxy: listed.length > 0 ? listed : fromEnv };
}

export function affectsNetwork(e: vscode.ConfigurationChangeEvent): boolean {
  return (
    e.affectsConfiguration(`${SETTINGS_SECTION}.tokenUrl`) ||
    e.affectsConfiguration(`${SETTINGS_SECTION}.apiBaseUrl`) ||
    e.affectsConfiguration('http.proxy') ||
    e.affectsConfiguration('http.proxyStrictSSL') ||
    e.affectsConfiguration('http.proxySupport') ||
    e.affectsConfiguration('http.noProxy')
  );
}
