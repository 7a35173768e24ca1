// The tools' titles as a person reads them in VS Code (the MCP confirmation modal, the progress line of a refused
// call), in the display language. The specs' English titles stay what the model, package.json and MCP's tools/list
// see, so they never change with the language.

import * as l10n from '@vscode/l10n';
import { TOOL_NAMES } from './specs';

export function localTitle(name: string, english: string): string {
  switch (name) {
    case TOOL_NAMES.searchCases:
      return l10n.t('Search Axway Support Cases');
    case TOOL_NAMES.getCase:
      return l10n.t('Read an Axway Support Case');
    case TOOL_NAMES.addNote:
      return l10n.t('Add a Note to an Axway Support Case');
    case TOOL_NAMES.createCase:
      return l10n.t('Create an Axway Support Case');
    case TOOL_NAMES.closeCase:
      return l10n.t('Close an Axway Support Case');
    case TOOL_NAMES.downloadAttachment:
      return l10n.t('Download an Axway Support Case Attachment');
    default:
      return english;
  }
}
