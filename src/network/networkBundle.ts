// The network bundle's entry point (dist/network.js): axios, the token client and the Support API service, and each
// account's network over them. Required by lazyNetwork.ts the first time something needs the network.

export { AccountNetworks } from './accountNetworks';
export * from '../api/index';
