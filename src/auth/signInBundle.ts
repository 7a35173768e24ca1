// The sign-in bundle's entry point (dist/signIn.js): the sign-in flow with its prompts, and the handling of a stored
// pair the token endpoint refused, and naming an account after a sign-in. Loaded by lazySignIn.ts when a sign-in starts or a refusal happens.

export { SignInFlow } from './signInFlow';
export { setRefusedPairAside } from './refusedCredentials';
export { nameAccount } from './accountNaming';
