// The vscode-free code (api/, cases/, parts of util/ and follow/) localises its texts with @vscode/l10n, which does
// not know VS Code: the extension hands it the bundle VS Code loaded for the display language. esbuild gives every
// bundle (extension.js, network.js, forms.js, newCase.js, caseActions.js) its own copy of @vscode/l10n, so each entry
// point calls this with `vscode.l10n.bundle` when it loads. Without a bundle (English, or plain-Node unit tests) the
// English texts of the source are used.

import * as l10n from '@vscode/l10n';

export function useTranslations(bundle: { readonly [key: string]: string } | undefined): void {
  if (bundle !== undefined) {
    l10n.config({ contents: { ...bundle } });
  }
}
