// The case tab's host code as its own bundle (dist/caseTab.js): the tab manager, the page and its messages. Loaded
// the first time a case opens or VS Code restores a tab (lazyCaseTabs.ts), never at activation.

export { CasePanelManager } from './casePanelManager';
