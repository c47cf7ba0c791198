/**
 * The protocol kernel: what the chain defines and more than one layer uses. Browser-safe (viem and zod only, enforced by
 * tests/lint/layers.ts). Import a module by name (`#protocol/wire`) where only part of it is needed, so the app bundle
 * takes no more than it uses; this index is for callers that want several, and it names every public module
 * (index.test.ts fails when a new one is left out). keccak.ts, keccak-permute.ts and merkle.ts are telemetry.ts's internals.
 */
export * from './attestation';
export * from './base-error';
export * from './chain';
export * from './eip712';
export * from './errors';
export * from './figures/index';
export * from './hardware';
export * from './market';
export * from './node-client';
export * from './status';
export * from './status-names';
export * from './stream';
export * from './telemetry';
export * from './telemetry-export';
export * from './telemetry-view';
export * from './wire';
