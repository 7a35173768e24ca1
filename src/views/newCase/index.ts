// The New Support Case bundle's entry point (dist/newCase.js): the form's panel, renderer and rules, required the
// first time the form opens (see lazyNewCase.ts), so activation pays for none of it.
export { NewCaseManager } from './newCaseManager';
export { NewCasePanel } from './newCasePanel';
export type { NewCaseDeps } from './newCaseDeps';
export type { SendOutcome } from './newCaseOutcome';
