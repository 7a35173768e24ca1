// Command ids as contributed in package.json (a test checks the two agree).
export const Commands = {
  signIn: 'axwaySupport.signIn',
  addAccount: 'axwaySupport.addAccount',
  signOut: 'axwaySupport.signOut',
  refresh: 'axwaySupport.refresh',
  openCase: 'axwaySupport.openCase',
  loadMore: 'axwaySupport.loadMore',
  openInPortal: 'axwaySupport.openInPortal',
  copyCaseNumber: 'axwaySupport.copyCaseNumber',
  showLog: 'axwaySupport.showLog',
  filter: 'axwaySupport.filter',
  clearFilter: 'axwaySupport.clearFilter',
  sortBy: 'axwaySupport.sortBy',
  groupBy: 'axwaySupport.groupBy',
  markAllSeen: 'axwaySupport.markAllSeen',
  reload: 'axwaySupport.reload',
  showAwaiting: 'axwaySupport.showAwaiting',
  closeCase: 'axwaySupport.closeCase',
  downloadAttachment: 'axwaySupport.downloadAttachment',
  addNote: 'axwaySupport.addNote',
  attachToCase: 'axwaySupport.attachToCase',
  setContactEmail: 'axwaySupport.setContactEmail',
  renameAccount: 'axwaySupport.renameAccount'
} as const;

export const VIEW_ID = 'axwaySupport.cases';
export const PANEL_VIEW_TYPE = 'axwaySupport.case';
export const CONTEXT_SIGNED_IN = 'axwaySupport.signedIn';
export const CONTEXT_READY = 'axwaySupport.ready';
/** True while the Recent Cases view is filtered (shows Clear Filter). */
export const CONTEXT_FILTER_ACTIVE = 'axwaySupport.filterActive';
export const NEW_CASE_VIEW_TYPE = 'axwaySupport.newCase';
export const CREATE_CASE_COMMAND = 'axwaySupport.createCase';
/** The AuthenticationProvider behind VS Code's Accounts menu; other extensions ask it for Support API sessions. */
export const AUTH_PROVIDER_ID = 'axway-support';
export const AUTH_PROVIDER_LABEL = 'Axway Support';
