/** The node's HTTP API (fastify). Bodies are zod-validated; every rejection is `{ error: { code, message, ... } }`. */
import Fastify, { type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { type Address, getAddress, type Hex } from 'viem';
import { z } from 'zod';
import { isRetryable, Rejection, shortMessageOf } from '#protocol/base-error';
import { telemetryRoot } from '#protocol/telemetry';
import {
  batchBodySchema,
  MAX_SIGNATURE_BODY_BYTES,
  MAX_SIGNATURES_PER_REQUEST,
  pullQuerySchema,
  signatureBatchSchema,
  signatureItemSchema,
  type TelemetryView,
  toWireReport,
} from '#protocol/wire';
import {
  ANSWER_BODY_HARD_LIMIT,
  answerBodyGuard,
  attestationAnswerSchema,
  challengeRequestSchema,
} from './attestation';
import {
  authenticateBatch,
  BATCH_BODY_HARD_LIMIT,
  BatchGate,
  type BatchGateOptions,
  batchBodyGuard,
  holdsCluster,
  NOT_THE_OPERATORS,
} from './batch-gate';
import type { OracleCore } from './core';
import { PeerAuthenticator } from './peer-auth';
import { readEpochLeaves } from './samples';
import { telemetryViewer } from './telemetry-access';

/** The whole 503 body's message: nothing of the failure (its cause, an RPC URL, a provider's text) reaches a caller. */
export const UNAVAILABLE_MESSAGE = 'a dependency did not answer; try again later';

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

export type NodeServerOptions = {
  /** Addresses (the dashboard's reader key) trusted to read every cluster's telemetry detail; see telemetry-access.ts. */
  telemetryReaders?: Address[];
  batchGate?: BatchGateOptions;
};

export function createNodeServer(
  core: OracleCore,
  log: Logger,
  bodyLimit = 16 * 1024 * 1024,
  options: NodeServerOptions = {},
) {
  const gate = new BatchGate(options.batchGate);
  const telemetryReaders = new Set((options.telemetryReaders ?? []).map((reader) => getAddress(reader)));
  // Per-request logs are info level: the HTTP logger starts at warn so 1,000s of batches a second do not flood it.
  const app = Fastify({ loggerInstance: log.child({ component: 'http' }, { level: 'warn' }), bodyLimit });

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof Rejection) return reply.status(error.status).send(error.toBody());
    // What failed (an RPC URL with its key, a provider's answer) is for the log, which redacts URLs; the caller learns
    // only that asking again later may work.
    if (isRetryable(error)) {
      log.warn({ err: error }, 'request failed on a dependency');
      return reply.status(503).send({ error: { code: 'unavailable', message: UNAVAILABLE_MESSAGE } });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status < 500) {
      const code = status === 413 ? 'body_too_large' : 'invalid_request';
      return reply.status(status).send({ error: { code, message: shortMessageOf(error) } });
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

  // Anonymous, or signed by the cluster's operator for a challenge strangers cannot evict (attestation.ts).
  app.post('/clusters/:clusterId/attestation/challenge', async (request) => {
    const { clusterId } = parse(clusterParams, request.params, 'cluster id');
    const body = parse(challengeRequestSchema, request.body ?? {}, 'challenge request');
    return core.issueChallenge(BigInt(clusterId), { ip: request.ip, request: body });
  });

  // An answer's size follows its cluster's GPU count: refused (413) before its body is read when it cannot fit.
  app.post(
    '/clusters/:clusterId/attestation',
    { bodyLimit: ANSWER_BODY_HARD_LIMIT, preParsing: answerBodyGuard(core.registry) },
    async (request) => {
      const { clusterId } = parse(clusterParams, request.params, 'cluster id');
      return core.answerChallenge(
        BigInt(clusterId),
        parse(attestationAnswerSchema, request.body, 'attestation answer'),
      );
    },
  );

  app.get('/clusters/:clusterId/cursor', async (request) => {
    const { clusterId } = parse(clusterParams, request.params, 'cluster id');
    return { lastSequence: core.lastSequence(BigInt(clusterId)) };
  });

  // A batch request from an IP not trusted for its cluster takes a token of the IP when it arrives, before any work
  // (batch-gate.ts): an IP with none left is refused unread, and the token comes back once the operator's signature
  // checked out. A pair trusted for the cluster (its agent, maybe many clusters' agents behind one proxy, batches in
  // flight together) is never refused unread and pays for what is refused afterwards, which is bounded: one recovery
  // and a body capped to the cluster. Whether the pair is a quiet agent is decided before anything is taken.
  const quietAgents = new WeakSet<object>();
  const charged = new WeakSet<object>();
  const admitBatch = async (
    request: { ip: string; params: unknown; raw: object },
    reply: { header: (name: string, value: string) => void },
  ) => {
    const param = (request.params as { clusterId?: unknown }).clusterId;
    const clusterId = typeof param === 'string' && /^\d{1,78}$/.test(param) ? BigInt(param) : null;
    if (clusterId !== null && gate.trusted(request.ip, clusterId)) {
      if (gate.quietAgent(request.ip, clusterId)) quietAgents.add(request.raw);
      return;
    }
    if (gate.limited(request.ip, clusterId)) {
      const rejection = new Rejection('rate_limited', 'too many rejected batches from this address; slow down', 429);
      core.recordRejectedBatch(null, rejection, 0, null);
      reply.header('retry-after', String(gate.retryAfterSeconds()));
      throw rejection;
    }
    gate.charge(request.ip);
    charged.add(request.raw);
  };
  /** A request refused as not the operator's spends a token: on arrival, or now for a trusted pair's. */
  const chargeRefused = (request: { ip: string; raw: object }) => {
    if (!charged.has(request.raw)) gate.charge(request.ip);
  };
  // Refused before the body is read (not held, or too large for the cluster): counted like any stranger's batch.
  const guardBatchBody = batchBodyGuard(core, (request, clusterId, rejection) => {
    chargeRefused(request);
    core.recordRejectedBatch(null, rejection, 0, null);
    if (holdsCluster(core, clusterId)) gate.count(clusterId, rejection.code);
  });

  app.post(
    '/clusters/:clusterId/batches',
    { onRequest: admitBatch, preParsing: guardBatchBody, bodyLimit: BATCH_BODY_HARD_LIMIT },
    async (request, reply) => {
      const started = performance.now();
      let clusterId: bigint | null = null;
      let fromOperator = false;
      const quietAgent = quietAgents.has(request.raw);
      try {
        clusterId = BigInt(parse(clusterParams, request.params, 'cluster id').clusterId);
        const body = parse(batchBodySchema, request.body, 'batch');
        if (!quietAgent) await authenticateBatch(core, clusterId, body);
        fromOperator = true;
        const result = await core.ingestBatch(clusterId, body);
        if (charged.has(request.raw)) gate.refund(request.ip);
        gate.trust(request.ip, clusterId);
        core.metrics.ingestSeconds.observe((performance.now() - started) / 1000);
        return reply.status(202).send(result);
      } catch (error) {
        if (error instanceof Rejection) {
          // A resend of an accepted batch is nothing for the operator to fix, and anyone who saw one can repeat it.
          const operators = fromOperator && !(quietAgent && NOT_THE_OPERATORS.has(error.code));
          if (operators && error.code !== 'batch_already_accepted') {
            if (charged.has(request.raw)) gate.refund(request.ip);
            const readings = countReadings((request.body as { payload?: unknown } | null | undefined)?.payload);
            core.recordRejectedBatch(clusterId, error, readings, claimedSequence(request.body));
          } else {
            // Not the operator's: it spends a token (a trusted pair's too), is counted (Prometheus, and per cluster
            // for one this node holds), never listed, and its payload is not even parsed for a readings count.
            chargeRefused(request);
            core.recordRejectedBatch(null, error, 0, claimedSequence(request.body));
            if (clusterId !== null && holdsCluster(core, clusterId)) gate.count(clusterId, error.code);
          }
        }
        throw error;
      }
    },
  );

  app.get('/clusters/:clusterId/telemetry', async (request): Promise<TelemetryView> => {
    const { clusterId } = parse(clusterParams, request.params, 'cluster id');
    const id = BigInt(clusterId);
    const status = core.telemetryStatus(id);
    if (!status) {
      throw new Rejection('unknown_cluster', `this node holds no verified inventory for cluster ${clusterId}`, 404);
    }
    const viewer = await telemetryViewer({
      context: core.config.context,
      node: core.address,
      clusterId: id,
      headers: request.headers,
      readers: telemetryReaders,
      operatorOf: async (target) => (await core.registry.cluster(target)).operator,
    });
    const { recentRejections, ...counts } = status;
    return {
      ...counts,
      node: core.address,
      view: viewer ? 'operator' : 'public',
      unauthenticatedBatches: gate.unauthenticatedCounts(id),
      ...(viewer ? { recentRejections } : {}),
    };
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
    // An epoch closed a moment ago may still have its file in the writer's hands (a failed one is retried by
    // compaction, not by readers).
    await core.samples.settled();
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

  // GET /signatures?reports=<clusterId>:<epoch>,...: every signature this node holds over its own reports of those
  // epochs, for a peer whose push was lost (the pull). Public like the per-report GET: these signatures end up in
  // submitReports calldata anyway, each is good for one digest only, and answering costs a map lookup per key.
  app.get('/signatures', async (request) => {
    const { reports } = parse(pullQuerySchema, request.query, 'pull query');
    return { items: core.signatureBook.itemsFor(reports).slice(0, MAX_SIGNATURES_PER_REQUEST) };
  });

  // Posting signatures takes a request signed with a committee key (peer-auth.ts): its headers are checked before the
  // body is read (an outsider's request costs at most one signature recovery and changes nothing), the raw body
  // against the signed hash before it is parsed.
  const auth = new PeerAuthenticator(core.config.context, core.address, core.committee);
  app.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.addHook('onRequest', async (request) => {
      // Failed signature recoveries are limited per client IP (429 before any further recovery past the burst).
      await auth.verifyHeaders(request.method, request.url, request.headers, request.ip);
    });
    const authenticated = async (request: FastifyRequest) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      auth.checkBody(request.headers, raw);
      try {
        return JSON.parse(raw.toString('utf8')) as unknown;
      } catch {
        throw new Rejection('invalid_body', 'the body is not JSON', 400);
      }
    };

    scope.post('/reports/:clusterId/:epoch/signatures', { bodyLimit: 64 * 1024 }, async (request) => {
      const body = await authenticated(request);
      const { clusterId, epoch } = parse(reportParams, request.params, 'report id');
      const item = parse(signatureItemSchema, body, 'signature');
      if (item.report.clusterId !== clusterId || item.report.epoch !== epoch) {
        throw new Rejection('cluster_mismatch', 'the report names another cluster or epoch than the URL', 400);
      }
      const [result] = await core.addPeerSignatures([
        { report: item.report, signer: item.signer as Address, signature: item.signature as Hex },
      ]);
      if (result === 'not_committee_signer') throw new Rejection(result, 'the signer is not a committee peer', 403);
      return { result };
    });

    scope.post('/signatures', { bodyLimit: MAX_SIGNATURE_BODY_BYTES }, async (request) => {
      const { items } = parse(signatureBatchSchema, await authenticated(request), 'signatures');
      const results = await core.addPeerSignatures(
        items.map((item) => ({
          report: item.report,
          signer: item.signer as Address,
          signature: item.signature as Hex,
        })),
      );
      return { results };
    });
  });

  return app;
}
