import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type Plugin } from '@wagmi/cli';
import { foundry } from '@wagmi/cli/plugins';
import { readConstants } from './scripts/generate/solidity-constants';

/**
 * Contracts whose ABI and creation bytecode the TypeScript side imports. The interfaces' ABIs are not generated (nothing
 * used them); their enums are read from their source (see `enums`).
 */
export const generatedContracts = [
  'ClusterRegistry',
  'ShareToken',
  'Offering',
  'RackshareFactory',
  'ShareMarket',
  'TestStablecoin',
  'TimelockController',
] as const;

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
        const artifact = JSON.parse(
          readFileSync(join(artifactsDir, `${contract.name}.sol`, `${contract.name}.json`), 'utf8'),
        ) as { bytecode: { object: `0x${string}` } };
        lines.push(`export const ${lowerFirst(contract.name)}Bytecode = '${artifact.bytecode.object}' as const`);
      }
      return { content: lines.join('\n\n') };
    },
  };
}

/**
 * Every enum the interfaces define, in the contract's order, so that no layer writes an enum value by hand: for
 * `enum Phase { Pending, Open }` in IOffering.sol, `offeringPhase = { Pending: 0, Open: 1 }` and
 * `offeringPhaseNames = ['Pending', 'Open']`. Read from the Solidity source (comments stripped): the interfaces declare
 * their enums as plain lists of names.
 */
function enums(): Plugin {
  return {
    name: 'Enums',
    async run() {
      const directory = join('contracts', 'src', 'interfaces');
      const lines: string[] = [];
      for (const file of readdirSync(directory).sort()) {
        if (!file.endsWith('.sol')) continue;
        const contract = file.slice(1, -'.sol'.length); // IOffering.sol -> Offering
        const source = readFileSync(join(directory, file), 'utf8')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\/\/.*$/gm, '');
        for (const match of source.matchAll(/\benum\s+(\w+)\s*\{([^}]*)\}/g)) {
          const members = match[2]!
            .split(',')
            .map((name) => name.trim())
            .filter(Boolean);
          const name = `${lowerFirst(contract)}${match[1]}`;
          lines.push(
            `/** \`I${contract}.${match[1]}\`, in the contract's order. */`,
            `export const ${name} = { ${members.map((member, index) => `${member}: ${index}`).join(', ')} } as const`,
            `export const ${name}Names = [${members.map((member) => `'${member}'`).join(', ')}] as const`,
            '',
          );
        }
      }
      return { content: lines.join('\n') };
    },
  };
}

/**
 * The numeric constants (`RATE_SCALE`, `MAX_DURATION`, caps) and EIP-712 type strings each deployable contract declares,
 * read from its source: `shareTokenConstants = { RATE_SCALE: 1000000000000000000n, ... }` and
 * `clusterRegistryTypeStrings = { ATTESTATION_TYPEHASH: 'Attestation(...)' }`. Storage-layout details (masks, shifts,
 * flag bits) are left out; an expression the reader does not understand fails generation.
 */
function constants(): Plugin {
  return {
    name: 'Constants',
    async run() {
      const lines: string[] = [];
      for (const contract of [
        'ClusterRegistry',
        'Offering',
        'RackshareFactory',
        'ShareMarket',
        'ShareMarketNonces',
        'ShareToken',
      ]) {
        const { numbers, typeStrings } = readConstants(
          readFileSync(join('contracts', 'src', `${contract}.sol`), 'utf8'),
        );
        if (numbers.length > 0) {
          lines.push(
            `/** Numeric constants of \`${contract}.sol\`, as the contract declares them. */`,
            `export const ${lowerFirst(contract)}Constants = { ${numbers.map(([name, value]) => `${name}: ${value}n`).join(', ')} } as const`,
            '',
          );
        }
        if (typeStrings.length > 0) {
          lines.push(
            `/** EIP-712 type strings hashed by \`${contract}.sol\`, by typehash constant. */`,
            `export const ${lowerFirst(contract)}TypeStrings = { ${typeStrings.map(([name, type]) => `${name}: '${type}'`).join(', ')} } as const`,
            '',
          );
        }
      }
      return { content: lines.join('\n') };
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
    enums(),
    constants(),
  ],
});
