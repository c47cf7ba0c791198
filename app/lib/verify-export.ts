/**
 * The epoch page's in-browser export check: reads an export (from the samples API or a file the visitor picks) within
 * MAX_EXPORT_BYTES and runs protocol/telemetry-export.ts's verifier — the same code as `npm run verify-export` and the
 * same Merkle code as the oracle — in steps, yielding to the page between them so a 36,000-sample export never
 * freezes it. Browser-safe: fetch, Blob and streams only.
 */
import {
  type EpochExport,
  ExportFileError,
  type ExportVerdict,
  ExportVerification,
  MAX_EXPORT_BYTES,
  parseEpochExport,
} from '#protocol/telemetry-export';

/** Samples checked between two yields: about 20 ms of hashing on a laptop, so the page answers input between steps. */
export const VERIFY_STEP_SAMPLES = 500;

export const MAX_EXPORT_MIB = MAX_EXPORT_BYTES / 1024 / 1024;

/**
 * The root and identity a file is checked against: the root the browser read from the chain (app/lib/chain-report.ts,
 * or the server's, labelled, when the RPC failed), the epoch from the page, the cluster's attested GPU count if known.
 */
export type Expected = { root: string; clusterId: string; epoch: string; gpuCount?: number };

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Verifies `exported` against `expected`, VERIFY_STEP_SAMPLES at a time, reporting progress after each step. */
export async function verifyInSteps(
  exported: EpochExport,
  expected: Expected,
  options: {
    stepSamples?: number;
    onProgress?: (checked: number, total: number) => void;
    signal?: AbortSignal;
    yieldToPage?: () => Promise<void>;
  } = {},
): Promise<ExportVerdict> {
  const verification = new ExportVerification(exported, expected);
  const yieldToPage = options.yieldToPage ?? nextTask;
  while (!verification.done) {
    options.signal?.throwIfAborted();
    verification.step(options.stepSamples ?? VERIFY_STEP_SAMPLES);
    options.onProgress?.(verification.progress, exported.samples.length);
    if (!verification.done) await yieldToPage();
  }
  return verification.result();
}

/** A file the visitor picked: refused unread past the bound, then parsed (ExportFileError for anything wrong). */
export async function readExportFile(file: Pick<Blob, 'size' | 'text'>): Promise<EpochExport> {
  if (file.size > MAX_EXPORT_BYTES) {
    throw new ExportFileError(`the file is larger than ${MAX_EXPORT_MIB} MiB, the most one check reads`);
  }
  return parseEpochExport(await file.text());
}

/**
 * The export the samples API serves, read as a stream and abandoned once past the bound (whatever its
 * content-length says). A non-200 answer gives the API's own message.
 */
export async function fetchExport(url: string, signal?: AbortSignal): Promise<EpochExport> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new ExportFileError(body?.error?.message ?? `the export could not be fetched (HTTP ${response.status})`);
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  const tooLarge = () =>
    new ExportFileError(`the export is larger than ${MAX_EXPORT_MIB} MiB, the most one check reads`);
  if (declared > MAX_EXPORT_BYTES) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return parseEpochExport(await response.text());
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (bytes > MAX_EXPORT_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parseEpochExport(parts.join(''));
}
