/**
 * The protocol kernel: what the chain defines and more than one layer uses. Browser-safe (viem and zod only, see
 * layering.test.ts). Import a module by name (`#protocol/wire`) where only part of it is needed, so the app bundle
 * takes no more than it uses; this index is for callers that want several.
 */
export * from './attestation';
export * from './eip712';
export * from './errors';
export * from './hardware';
export * from './status-names';
export * from './telemetry-view';
export * from './wire';
