/**
 * The epoch sample export (`rackshare-epoch-samples/1`): an epoch's telemetry leaves, each with its Merkle proof
 * against the report's telemetryRoot, and the one verifier that the CLI (oracle/export/cli.ts) and the epoch page's
 * in-browser check both run. The verifier works in steps of a bounded number of samples so a page can yield between
 * them and stay responsive on a 36,000-sample export. Browser-safe (no `node:`).
 */
import { isAddress, isHex } from 'viem';
import { z } from 'zod';
import { BaseError, type BaseErrorParameters } from './base-error';
import {
  TELEMETRY_LEAF_TYPES,
  type TelemetryLeaf,
  telemetryRootOfLeafHashes,
  verifyTelemetryProofOfHash,
  writeTelemetryLeafHash,
} from './telemetry';

export const EXPORT_FORMAT = 'rackshare-epoch-samples/1';

/**
 * The largest export file a verifier reads (bytes of JSON). A sample with its proof is about 1.2 KB, so this holds
 * about 50,000 samples — an epoch of a 100-GPU cluster reporting every 10 s is 36,000.
 */
export const MAX_EXPORT_BYTES = 64 * 1024 * 1024;
/** Samples an export may hold (a second bound, for a file whose samples are small). */
export const MAX_EXPORT_SAMPLES = 200_000;
/**
 * The most bytes of a node's answer to GET /clusters/:id/epochs/:epoch/samples worth reading: an export holds at most
 * MAX_EXPORT_SAMPLES leaves, each `["0x<64 hex>","<ms>",<milliPct>],` under 128 bytes of JSON, plus the header.
 */
export const MAX_SAMPLES_ANSWER_BYTES = MAX_EXPORT_SAMPLES * 128 + 64 * 1024;
/** A proof of a tree of 2^64 leaves has 64 siblings: anything longer cannot be a proof. */
const MAX_PROOF_LENGTH = 64;
/** Failing samples listed one by one; past this the verdict still counts them (per GPU too). */
export const MAX_LISTED_FAILURES = 1_000;
/**
 * GPUs listed one by one in a verdict (failing ones first); past this the verdict counts the rest, so a file of
 * 200,000 distinct UUID hashes never becomes a 200,000-row table (review L2).
 */
export const MAX_LISTED_GPUS = 1_000;

const hex32 = z.string().refine((value) => isHex(value) && value.length === 66, 'must be a 32-byte hex string');
const UINT64_LIMIT = 2n ** 64n;

export const epochExportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  chainId: z.number().int().positive(),
  registry: z.string().refine(isAddress, 'must be an address'),
  clusterId: z.string().regex(/^\d+$/),
  epoch: z.string().regex(/^\d+$/),
  telemetryRoot: hex32,
  leafEncoding: z.tuple([z.literal('bytes32'), z.literal('uint64'), z.literal('int32')]),
  reportTransaction: hex32.optional(),
  samples: z
    .array(
      z.object({
        uuidHash: hex32,
        timeMs: z
          .string()
          .regex(/^\d{1,20}$/)
          // zod runs this refinement even after the regex failed: BigInt("1e3") would throw a raw SyntaxError out of
          // the parse instead of a sentence (review L3), so it only judges what the regex let through.
          .refine((value) => !/^\d{1,20}$/.test(value) || BigInt(value) < UINT64_LIMIT, 'must fit in a uint64'),
        utilizationMilliPct: z
          .number()
          .int()
          .min(-(2 ** 31))
          .max(2 ** 31 - 1),
        proof: z.array(hex32).max(MAX_PROOF_LENGTH),
      }),
    )
    .max(MAX_EXPORT_SAMPLES),
});
export type EpochExport = z.infer<typeof epochExportSchema>;
export type ExportSample = EpochExport['samples'][number];

export const exportSampleLeaf = (sample: ExportSample): TelemetryLeaf => [
  sample.uuidHash as `0x${string}`,
  BigInt(sample.timeMs),
  sample.utilizationMilliPct,
];

/** A file that is not a usable epoch export (too large, not JSON, not the format); the message is one sentence. */
export class ExportFileError extends BaseError {
  override name = 'ExportFileError';
  constructor(shortMessage: string, parameters: Pick<BaseErrorParameters, 'cause' | 'details'> = {}) {
    super(shortMessage, { ...parameters, code: 'export_file' });
  }
}

/** Parses an export's JSON text: one sentence (ExportFileError) for a file too large, not JSON, or not an export. */
export function parseEpochExport(text: string): EpochExport {
  // UTF-16 length >= UTF-8 bytes / 3; the export is ASCII, where the two are equal.
  if (text.length > MAX_EXPORT_BYTES) {
    throw new ExportFileError(
      `the file is larger than ${MAX_EXPORT_BYTES / 1024 / 1024} MiB, the most one check reads`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ExportFileError(`the file is not JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = epochExportSchema.safeParse(json);
  if (!parsed.success) throw new ExportFileError(`the file is not an epoch export: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export type GpuVerdict = { uuidHash: string; samples: number; verified: number; failed: number };
export type SampleFailure = { index: number; uuidHash: string; timeMs: string; utilizationMilliPct: number };
export type ExportVerdict = {
  clusterId: string;
  epoch: string;
  /** The root every proof was checked against (the chain's, when the caller gave it). */
  root: string;
  samples: number;
  verified: number;
  failed: number;
  /** Per GPU: the failing ones first, then by UUID hash, at most MAX_LISTED_GPUS of them. */
  gpus: GpuVerdict[];
  /** Distinct GPUs (UUID hashes) in the file, listed or not. */
  gpuCount: number;
  /** The failing samples, by index in the file, the first MAX_LISTED_FAILURES of them. */
  failures: SampleFailure[];
  /** Whether all the file's samples together rebuild the root: no sample left out, none added. */
  complete: boolean;
  /** One sentence per problem with the file as a whole (wrong epoch, stated root not the chain's, incomplete). */
  problems: string[];
  ok: boolean;
};

/**
 * Checks an export's samples against `expected.root` — the on-chain telemetryRoot on the epoch page, the file's own
 * stated root offline — a bounded `step` at a time. A sample verifies iff its proof proves exactly its leaf, so a
 * changed field, a proof for another root or a proof of another sample each fail that sample alone.
 */
export class ExportVerification {
  private next = 0;
  private readonly byGpu = new Map<string, GpuVerdict>();
  private readonly failures: SampleFailure[] = [];
  private failed = 0;
  private verdict: ExportVerdict | undefined;
  /** Each sample's leaf hash, kept from its proof check so the completeness root costs no second pass of hashing. */
  private readonly leafHashes: Uint8Array;

  constructor(
    readonly exported: EpochExport,
    readonly expected: { root: string; clusterId?: string; epoch?: string; gpuCount?: number },
  ) {
    this.leafHashes = new Uint8Array(exported.samples.length * 32);
  }

  get done() {
    return this.verdict !== undefined;
  }

  /** Samples checked so far. */
  get progress() {
    return this.next;
  }

  /** Checks up to `maxSamples` more samples; after the last, the whole-file checks. */
  step(maxSamples: number): void {
    if (this.verdict) return;
    const { samples } = this.exported;
    const end = Math.min(samples.length, this.next + Math.max(1, maxSamples));
    for (; this.next < end; this.next++) {
      const sample = samples[this.next]!;
      const key = sample.uuidHash.toLowerCase();
      let gpu = this.byGpu.get(key);
      if (!gpu) {
        gpu = { uuidHash: key, samples: 0, verified: 0, failed: 0 };
        this.byGpu.set(key, gpu);
      }
      gpu.samples += 1;
      const offset = this.next * 32;
      writeTelemetryLeafHash(exportSampleLeaf(sample), this.leafHashes, offset);
      if (verifyTelemetryProofOfHash(this.expected.root, this.leafHashes, offset, sample.proof)) {
        gpu.verified += 1;
        continue;
      }
      gpu.failed += 1;
      this.failed += 1;
      if (this.failures.length < MAX_LISTED_FAILURES) {
        const { uuidHash, timeMs, utilizationMilliPct } = sample;
        this.failures.push({ index: this.next, uuidHash, timeMs, utilizationMilliPct });
      }
    }
    if (this.next >= samples.length) this.verdict = this.finish();
  }

  /** Runs every remaining step at once (the CLI; a page calls `step` and yields in between). */
  run(): ExportVerdict {
    while (!this.verdict) this.step(this.exported.samples.length);
    return this.verdict;
  }

  result(): ExportVerdict {
    if (!this.verdict) throw new Error('the verification has not finished');
    return this.verdict;
  }

  private finish(): ExportVerdict {
    const { exported, expected } = this;
    const problems: string[] = [];
    if (expected.clusterId !== undefined && exported.clusterId !== expected.clusterId) {
      problems.push(`the file is for cluster ${exported.clusterId}, not cluster ${expected.clusterId}`);
    }
    if (expected.epoch !== undefined && exported.epoch !== expected.epoch) {
      problems.push(`the file is for epoch ${exported.epoch}, not epoch ${expected.epoch}`);
    }
    if (exported.telemetryRoot.toLowerCase() !== expected.root.toLowerCase()) {
      problems.push(`the file states the root ${exported.telemetryRoot}, the report's is ${expected.root}`);
    }
    const rebuilt = telemetryRootOfLeafHashes(this.leafHashes, exported.samples.length);
    const complete = rebuilt.toLowerCase() === expected.root.toLowerCase();
    if (!complete) problems.push(`the ${exported.samples.length} samples hash to ${rebuilt}, not to ${expected.root}`);
    if (expected.gpuCount !== undefined && this.byGpu.size > expected.gpuCount) {
      problems.push(`the file holds ${this.byGpu.size} distinct GPUs, the cluster attested ${expected.gpuCount}`);
    }
    if (this.failed > 0) problems.push(`${this.failed} of ${exported.samples.length} samples have an invalid proof`);
    const samples = exported.samples.length;
    return {
      clusterId: exported.clusterId,
      epoch: exported.epoch,
      root: expected.root,
      samples,
      verified: samples - this.failed,
      failed: this.failed,
      gpus: listedGpus(this.byGpu.values()),
      gpuCount: this.byGpu.size,
      failures: this.failures,
      complete,
      problems,
      ok: problems.length === 0,
    };
  }
}

/** The GPUs a verdict lists: the failing ones first (what a reader looks for), then by UUID hash, bounded. */
function listedGpus(gpus: Iterable<GpuVerdict>): GpuVerdict[] {
  const byHash = (a: GpuVerdict, b: GpuVerdict) => (a.uuidHash < b.uuidHash ? -1 : a.uuidHash > b.uuidHash ? 1 : 0);
  return [...gpus]
    .sort((a, b) => Number(b.failed > 0) - Number(a.failed > 0) || byHash(a, b))
    .slice(0, MAX_LISTED_GPUS);
}

/** The leaf types an export names (its `leafEncoding`), from the one definition. */
export const EXPORT_LEAF_ENCODING = [...TELEMETRY_LEAF_TYPES] as EpochExport['leafEncoding'];
