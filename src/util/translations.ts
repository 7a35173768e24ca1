// The vscode-free code (api/, cases/, parts of util/ and follow/) localises its texts with @vscode/l10n. In the
// extension host's bundles esbuild answers that package with vscode.l10n (src/util/hostL10n.ts, whose config() does
// nothing), so there the call below changes nothing; it is what gives the real library the strings where it runs
// without that alias (tests that load a translation bundle into plain Node). Without a bundle, English is used.

import * as l10n from '@vscode/l10n';

export function useTranslations(bundle: { readonly [key: string]: string } | undefined): void {
  if (bundle !== undefined) {
    l10n.config({ contents: { ...bundle } });
  }
}
