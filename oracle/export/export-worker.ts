/**
 * The worker thread that builds epoch exports (app/models/epoch-exports.server.ts): a 36,000-sample export is about
 * 40 MB of JSON and a tree with a proof per sample, work that would otherwise stall the web process's only thread,
 * which also runs the indexer and PGlite (review M-2). Messages: { id, kind: 'export' | 'summary', input }.
 */
import { parentPort } from 'node:worker_threads';
import type { Address, Hex } from 'viem';
import { BaseError, shortMessageOf } from '#protocol/base-error';
import { telemetryRoot } from '#protocol/telemetry';
import { buildEpochExport, ExportMismatchError, type NodeSamples } from './epoch-export';

export type ExportJob = {
  id: number;
  kind: 'export' | 'summary';
  input: { chainId: number; registry: Address; samples: NodeSamples; expectedRoot: Hex; reportTransaction?: Hex };
};
export type ExportAnswer =
  | { id: number; json: string; samples: number; gpus: number }
  /**
   * A failed job: the error family's `code` ('internal' outside it), its sentence, and the error itself as `cause`
   * (a structured clone: message, stack and causes survive the thread boundary, the class does not).
   */
  | { id: number; error: { code: string; message: string; cause: unknown } };

function summary(job: ExportJob) {
  const { leaves } = job.input.samples;
  const root = telemetryRoot(leaves.map(([hash, time, utilization]) => [hash as Hex, BigInt(time), utilization]));
  if (root.toLowerCase() !== job.input.expectedRoot.toLowerCase()) {
    throw new ExportMismatchError(
      `the node's ${leaves.length} samples hash to ${root}, the on-chain report says ${job.input.expectedRoot}`,
    );
  }
  return { json: '', samples: leaves.length, gpus: new Set(leaves.map(([hash]) => hash)).size };
}

parentPort?.on('message', (job: ExportJob) => {
  let answer: ExportAnswer;
  try {
    if (job.kind === 'summary') answer = { id: job.id, ...summary(job) };
    else {
      const built = buildEpochExport(job.input);
      answer = {
        id: job.id,
        json: JSON.stringify(built),
        samples: built.samples.length,
        gpus: new Set(built.samples.map((sample) => sample.uuidHash)).size,
      };
    }
  } catch (error) {
    const code = error instanceof BaseError ? error.code : 'internal';
    const cause = error instanceof Error ? error : String(error);
    answer = { id: job.id, error: { code, message: shortMessageOf(error), cause } };
  }
  parentPort?.postMessage(answer);
});
