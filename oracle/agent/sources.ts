/** Where the agent reads GPU telemetry: a DCGM exporter URL, or nvidia-smi output (CSV or XML) from a command, URL or file. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { z } from 'zod';
import { UnavailableError } from '#protocol/base-error';
import { childEnvironment } from '../child-env';
import { scrapeDcgm } from '../telemetry/dcgm';
import { parseNvidiaSmiCsv } from '../telemetry/nvidia-smi-csv';
import { parseNvidiaSmiXml } from '../telemetry/nvidia-smi-xml';
import type { ParsedTelemetry } from '../telemetry/types';

const run = promisify(execFile);

const origin = z.union([
  z.object({ command: z.array(z.string()).min(1) }),
  z.object({ url: z.url() }),
  z.object({ file: z.string().min(1) }),
]);

export const sourceSchema = z.union([
  z.object({ kind: z.literal('dcgm'), url: z.url() }),
  z.object({ kind: z.literal('nvidia-smi-csv') }).and(origin),
  z.object({ kind: z.literal('nvidia-smi-xml') }).and(origin),
]);
export type SourceConfig = z.infer<typeof sourceSchema>;

async function readOrigin(source: { command: string[] } | { url: string } | { file: string }, signal?: AbortSignal) {
  try {
    if ('command' in source) {
      const [file, ...args] = source.command;
      // The agent's environment holds the operator's signing key; the telemetry command gets what a shell command
      // over ssh needs, nothing else (I-3).
      const env = childEnvironment({}, ['USER', 'LOGNAME', 'SSH_AUTH_SOCK']);
      return (await run(file!, args, { timeout: 10_000, signal, maxBuffer: 64 * 1024 * 1024, env })).stdout;
    }
    if ('url' in source) {
      const response = await fetch(source.url, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return await response.text();
    }
    return await readFile(source.file, 'utf8');
  } catch (error) {
    throw new UnavailableError(`telemetry source unavailable: ${(error as Error).message}`, { cause: error });
  }
}

export async function readSource(source: SourceConfig, signal?: AbortSignal): Promise<ParsedTelemetry> {
  if (source.kind === 'dcgm') return scrapeDcgm(source.url, signal);
  const text = await readOrigin(source as never, signal);
  return source.kind === 'nvidia-smi-csv' ? parseNvidiaSmiCsv(text) : parseNvidiaSmiXml(text);
}
