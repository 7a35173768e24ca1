// Command ids as contributed in package.json (a test checks the two agree).
export const Commands = {
  signIn: 'axwaySupport.signIn',
  signOut: 'axwaySupport.signOut',
  refresh: 'axwaySupport.refresh',
  openCase: 'axwaySupport.openCase',
  loadMore: 'axwaySupport.loadMore',
  openInPortal: 'axwaySupport.openInPortal',
  copyCaseNumber: 'axwaySupport.copyCaseNumber',
  showLog: 'axwaySupport.showLog'
} as const;

export const VIEW_ID = 'axwaySupport.cases';
export const PANEL_VIEW_TYPE = 'axwaySupport.case';
export const CONTEXT_SIGNED_IN = 'axwaySupport.signedIn';
export const CONTEXT_READY = 'axwaySupport.ready';
export const NEW_CASE_VIEW_TYPE = 'axwaySupport.newCase';
export const CREATE_CASE_COMMAND = 'axwaySupport.createCase';
