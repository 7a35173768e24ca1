// Reading the extension's settings: only the user's value (or the default), never a workspace's or folder's.

import * as vscode from 'vscode';

export const SETTINGS_SECTION = 'axwaySupport';

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
