/** The node's HTTP API (fastify). Bodies are zod-validated; every rejection is `{ error: { code, message, ... } }`. */
import Fastify from 'fastify';
import type { Logger } from 'pino';
import type { Address, Hex } from 'viem';
import { z } from 'zod';
import { Rejection, RetryableError } from '../errors';
import { telemetryRoot } from '../hardware';
import type { OracleCore } from './core';
import {
  attestationBodySchema,
  batchBodySchema,
  signatureBatchSchema,
  signatureItemSchema,
  toWireReport,
} from './protocol';
import { readEpochLeaves } from './samples';

const clusterParams = z.object({ clusterId: z.string().regex(/^\d{1,78}$/) });
const reportParams = clusterParams.extend({ epoch: z.string().regex(/^\d{1,20}$/) });
const rangeQuery = z.object({
  fromEpoch: z.coerce.number().int().nonnegative().default(0),
  toEpoch: z.coerce.number().int().nonnegative().default(Number.MAX_SAFE_INTEGER),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new Rejection('invalid_body', `invalid ${what}: ${z.prettifyError(parsed.error)}`, 400);
  }
  return parsed.data;
}

/** The sequence a (possibly malformed) batch body claims, for the operator's list of rejections. */
function claimedSequence(body: unknown) {
  const sequence = (body as { sequence?: unknown } | null | undefined)?.sequence;
  return typeof sequence === 'number' && Number.isSafeInteger(sequence) ? sequence : null;
}

function countReadings(payload: unknown) {
  try {
    const parsed = JSON.parse(String(payload)) as { snapshots?: { gpus?: unknown[] }[] };
    return (parsed.snapshots ?? []).reduce((sum, snapshot) => sum + (snapshot.gpus?.length ?? 0), 0);
  } catch {
    return 0;
  }
}

export function createNodeServer(core: OracleCore, log: Logger, bodyLimit = 16 * 1024 * 1024) {
  // Per-request logs are info level: the HTTP logger starts at warn so 1,000s of batches a second do not flood it.
  const app = Fastify({ loggerInstance: log.child({ component: 'http' }, { level: 'warn' }), bodyLimit });

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof Rejection) return reply.status(error.status).send(error.toBody());
    if (error instanceof RetryableError) {
      return reply.status(503).send({ error: { code: 'unavailable', message: error.message } });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status < 500) {
      const code = status === 413 ? 'body_too_large' : 'invalid_request';
      return reply.status(status).send({ error: { code, message: (error as Error).message } });
    }
    log.error({ err: error }, 'request failed');
    return reply.status(500).send({ error: { code: 'internal', message: 'internal error' } });
  });

  app.get('/health', async () => ({
    address: core.address,
    committee: core.committee,
    threshold: core.config.threshold,
    epochSeconds: core.config.epochSeconds,
    clusters: core.clusterSummaries(),
  }));

  app.get('/metrics', async (_request, reply) =>
    reply.header('content-type', core.metrics.registry.contentType).send(await core.metrics.registry.metrics()),
  );

  app.post('/clusters/:clusterId/attestation/challenge', async (request) => {
    const { clusterId } = parse(clusterParams, request.params, 'cluster id');
    return core.issueChallenge(BigInt(clusterId));
  });

  app.post('/clusters/:clusterId/attestation', async (request) => {
    const { clusterId } = parse(clusterParams, request.params, 'cluster id');
    return core.answerChallenge(BigInt(clusterId), parse(attestationBodySchema, request.body, 'attestation answer'));
  });

  app.get('/clusters/:clusterId/cursor', async (request) => {
    const { clusterId } = parse(clusterParams, request.params, 'cluster id');
    return { lastSequence: core.lastSequence(BigInt(clusterId)) };
  });

  app.post('/clusters/:clusterId/batches', async (request, reply) => {
    const started = performance.now();
    let clusterId: bigint | null = null;
    try {
      clusterId = BigInt(parse(clusterParams, request.params, 'cluster id').clusterId);
      const result = await core.ingestBatch(clusterId, parse(batchBodySchema, request.body, 'batch'));
      core.metrics.ingestSeconds.observe((performance.now() - started) / 1000);
      return reply.status(202).send(result);
    } catch (error) {
      if (error instanceof Rejection) {
        const readings = countReadings((request.body as { payload?: unknown } | null | undefined)?.payload);
        core.recordRejectedBatch(clusterId, error, readings, claimedSequence(request.body));
      }
      throw error;
    }
  });

  app.get('/clusters/:clusterId/telemetry', async (request) => {
    const { clusterId } = parse(clusterParams, request.params, 'cluster id');
    const status = core.telemetryStatus(BigInt(clusterId));
    if (!status) {
      throw new Rejection('unknown_cluster', `this node holds no verified inventory for cluster ${clusterId}`, 404);
    }
    return status;
  });

  // The reports this node still holds: every one not yet on chain, and the newest SUBMITTED_REPORTS_KEPT submitted
  // epochs per cluster. Older ones are on chain (the indexer serves them); their samples stay in the per-epoch files.
  app.get('/clusters/:clusterId/reports', async (request) => {
    const { clusterId } = parse(clusterParams, request.params, 'cluster id');
    const { fromEpoch, toEpoch } = parse(rangeQuery, request.query, 'range');
    const id = BigInt(clusterId);
    const reports = [...core.reports.values()]
      .filter((entry) => entry.report.clusterId === id)
      .filter((entry) => entry.report.epoch >= BigInt(fromEpoch) && entry.report.epoch <= BigInt(toEpoch))
      .sort((a, b) => (a.report.epoch < b.report.epoch ? -1 : 1))
      .map((entry) => ({
        ...toWireReport(entry.report),
        signatures: entry.signatures.size,
        submitted: entry.submitted,
      }));
    return { reports };
  });

  // Read-only export of an epoch's raw samples (the telemetry root's leaves), for the dashboard's proofs. Read from the
  // epoch's own small file, never the journal. A report already dropped from memory (submitted long ago) is served from
  // the file alone, with the root its leaves hash to (the caller checks it against the chain's).
  app.get('/clusters/:clusterId/epochs/:epoch/samples', async (request) => {
    const { clusterId, epoch } = parse(reportParams, request.params, 'epoch id');
    const id = BigInt(clusterId);
    const entry = core.report(id, BigInt(epoch));
    // An epoch closed a moment ago may still have its file in the writer's hands.
    await core.samples.flush();
    let leaves = readEpochLeaves({ store: core.samples, clusterId: id, epochEnd: Number(epoch) });
    // An epoch closed without any sample has no file: its report commits to the empty root.
    if (!leaves && entry && entry.report.telemetryRoot === telemetryRoot([])) leaves = [];
    if (!leaves) {
      const finalizedThrough =
        core.clusterSummaries().find((cluster) => cluster.clusterId === clusterId)?.finalizedThrough ?? 0;
      if (!entry && Number(epoch) > finalizedThrough) {
        throw new Rejection('report_not_ready', 'this node has not finalized that epoch', 404);
      }
      throw new Rejection(
        'samples_unavailable',
        'this node holds no samples for that epoch (past the retention)',
        404,
        {
          retentionDays: core.samples.retentionDays,
        },
      );
    }
    const root = telemetryRoot(leaves);
    if (entry && root !== entry.report.telemetryRoot) {
      throw new Rejection('samples_unavailable', 'the node no longer holds exactly the samples of that report', 409);
    }
    return {
      clusterId,
      epoch,
      epochSeconds: core.config.epochSeconds,
      telemetryRoot: root,
      leaves: leaves.map(([uuidHash, timeMs, utilizationMilliPct]) => [
        uuidHash,
        timeMs.toString(),
        utilizationMilliPct,
      ]),
    };
  });

  app.get('/reports/:clusterId/:epoch/signatures', async (request) => {
    const { clusterId, epoch } = parse(reportParams, request.params, 'report id');
    const entry = core.report(BigInt(clusterId), BigInt(epoch));
    if (!entry) throw new Rejection('report_not_ready', 'this node has not finalized that epoch', 404);
    return {
      report: toWireReport(entry.report),
      signatures: [...entry.signatures].map(([signer, signature]) => ({ signer, signature })),
      submitted: entry.submitted,
    };
  });

  app.post('/reports/:clusterId/:epoch/signatures', async (request) => {
    const { clusterId, epoch } = parse(reportParams, request.params, 'report id');
    const item = parse(signatureItemSchema, request.body, 'signature');
    if (item.report.clusterId !== clusterId || item.report.epoch !== epoch) {
      throw new Rejection('cluster_mismatch', 'the report names another cluster or epoch than the URL', 400);
    }
    const [result] = await core.addPeerSignatures([
      { report: item.report, signer: item.signer as Address, signature: item.signature as Hex },
    ]);
    if (result === 'not_committee_signer') throw new Rejection(result, 'the signer is not a committee peer', 403);
    return { result };
  });

  app.post('/signatures', async (request) => {
    const { items } = parse(signatureBatchSchema, request.body, 'signatures');
    const results = await core.addPeerSignatures(
      items.map((item) => ({ report: item.report, signer: item.signer as Address, signature: item.signature as Hex })),
    );
    return { results };
  });

  return app;
}
