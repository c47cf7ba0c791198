/** The protocol kernel: what the chain defines and more than one layer uses. Browser-safe: viem and zod only. */
export * from './status-names';
