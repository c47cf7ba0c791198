/**
 * `npm run verify-export -- --file export.json --rpc http://127.0.0.1:8545`: checks an epoch sample export (downloaded
 * from the dashboard or GET /api/v1/clusters/:id/epochs/:epoch/samples) against the chain. Exit status 0 when the
 * samples rebuild the root, every proof verifies and the root is the on-chain ReportSubmitted telemetryRoot; 1 when a
 * check fails; 2 when the file is not an export. `--offline` skips the chain.
 */
import { readFileSync, statSync } from 'node:fs';
import { Command } from 'commander';
import { createPublicClient, http, type PublicClient } from 'viem';
import { z } from 'zod';
import { chainFields } from '#config/common';
import { ConfigError, loadDotEnv, parseEnv } from '#config/env';
import { type EpochExport, ExportFileError, MAX_EXPORT_BYTES, parseEpochExport } from '#protocol/telemetry-export';
import { verifyExportOffline, verifyExportOnChain } from './epoch-export';

loadDotEnv();
// RPC_URL under the configuration home's rules (empty = unset, an http(s) URL or one sentence).
let rpcUrl: string | undefined;
try {
  rpcUrl = parseEnv(z.object({ RPC_URL: chainFields.RPC_URL }), process.env).RPC_URL;
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}

const program = new Command('verify-export')
  .description('verify an epoch sample export (Merkle proofs and the on-chain telemetry root)')
  .requiredOption('--file <path>', 'the export (JSON)')
  .option('--rpc <url>', 'RPC endpoint of the chain the export names', rpcUrl)
  .option('--offline', 'only check the proofs against the root stated in the file')
  .action(async (options: { file: string; rpc?: string; offline?: boolean }) => {
    // The same bound and parser as the epoch page's in-browser check: read no file past it.
    if (statSync(options.file).size > MAX_EXPORT_BYTES) {
      console.error(`${options.file} is larger than ${MAX_EXPORT_BYTES / 1024 / 1024} MiB, the most one check reads`);
      process.exit(2);
    }
    let exported: EpochExport;
    try {
      exported = parseEpochExport(readFileSync(options.file, 'utf8'));
    } catch (error) {
      if (!(error instanceof ExportFileError)) throw error;
      console.error(`${options.file}: ${error.message}`);
      process.exit(2);
    }
    if (!options.offline && !options.rpc) {
      console.error('give --rpc <url> (or RPC_URL), or --offline');
      process.exit(2);
    }
    const result = options.offline
      ? verifyExportOffline(exported)
      : await verifyExportOnChain(
          exported,
          createPublicClient({ transport: http(options.rpc, { retryCount: 1 }) }) as PublicClient,
        );
    console.log(`cluster ${exported.clusterId} epoch ${exported.epoch}: ${result.samples} samples`);
    console.log(`root: ${exported.telemetryRoot}`);
    if (result.onChainRoot) console.log(`on-chain root: ${result.onChainRoot} (tx ${result.reportTransaction})`);
    for (const problem of result.problems) console.log(`FAIL ${problem}`);
    console.log(result.ok ? 'OK every proof verifies against the on-chain root' : 'FAILED');
    process.exit(result.ok ? 0 : 1);
  });

await program.parseAsync();
