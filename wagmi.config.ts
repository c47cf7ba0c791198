import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from '@wagmi/cli';
import { foundry } from '@wagmi/cli/plugins';

/** Contracts whose ABI (and, for deployable ones, creation bytecode) the TypeScript side imports. */
export const generatedContracts = [
  'ClusterRegistry',
  'ShareToken',
  'Offering',
  'RackshareFactory',
  'TestStablecoin',
  'TimelockController',
  'IClusterRegistry',
  'IShareToken',
  'IOffering',
  'IRackshareFactory',
] as const;

const deployable = new Set([
  'ClusterRegistry',
  'ShareToken',
  'Offering',
  'RackshareFactory',
  'TestStablecoin',
  'TimelockController',
]);
const artifactsDir = process.env.FOUNDRY_OUT ?? 'contracts/out';

function lowerFirst(name: string) {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** The foundry plugin emits ABIs only; the TypeScript deployer also needs creation bytecode from the same artifacts. */
function bytecode(): Plugin {
  return {
    name: 'Bytecode',
    async run({ contracts }) {
      const lines: string[] = [];
      for (const contract of contracts) {
        if (!deployable.has(contract.name)) continue;
        const artifact = JSON.parse(
          readFileSync(join(artifactsDir, `${contract.name}.sol`, `${contract.name}.json`), 'utf8'),
        ) as { bytecode: { object: `0x${string}` } };
        lines.push(`export const ${lowerFirst(contract.name)}Bytecode = '${artifact.bytecode.object}' as const`);
      }
      return { content: lines.join('\n\n') };
    },
  };
}

export default defineConfig({
  out: process.env.WAGMI_OUT ?? 'contracts/ts/generated.ts',
  plugins: [
    foundry({
      project: '.',
      artifacts: artifactsDir,
      forge: { build: false },
      include: generatedContracts.map((name) => `${name}.sol/${name}.json`),
    }),
    bytecode(),
  ],
});
