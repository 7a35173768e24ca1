// Validates endpoint settings before any secret or token is sent to them.
// Dependency-free on purpose: the activation bundle uses it and must not pull in axios.
import * as l10n from '@vscode/l10n';
import { ApiError } from './errors';

/** True for hosts that never leave the machine, where plain http cannot leak anything. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1') {
    return true;
  }
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Parses an endpoint setting. Only https is accepted, except for loopback hosts (tests, local fakes),
 * because the client secret and bearer tokens travel to these URLs.
 */
export function validateEndpointUrl(raw: string, settingName: string): URL {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') {
    throw configError(settingName, l10n.t('The setting "{0}" is empty. Set it to an https:// URL.', settingName));
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw configError(settingName, l10n.t('The setting "{0}" is not a valid URL: "{1}". Use a full https:// URL.', settingName, shorten(text)));
  }
  if (url.username !== '' || url.password !== '') {
    throw configError(settingName, l10n.t('The setting "{0}" must not contain a user name or password.', settingName));
  }
  if (url.protocol === 'https:') {
    return url;
  }
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) {
    return url;
  }
  if (url.protocol === 'http:') {
    throw configError(
      settingName,
      l10n.t('The setting "{0}" must use https:// (plain http is only allowed for localhost, 127.0.0.1 and [::1]): "{1}".', settingName, shorten(text))
    );
  }
  throw configError(settingName, l10n.t('The setting "{0}" must be an https:// URL, not "{1}": "{2}".', settingName, url.protocol, shorten(text)));
}

function configError(setting: string, message: string): ApiError {
  // The setting travels with the error so an error row or toast can open exactly that setting.
  return new ApiError({ kind: 'config', message, setting });
}

function shorten(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
