/**
 * The configuration tables of docs/configuration.md and `.env.example`, rendered from the runtimes' schemas and the
 * descriptions beside each field (settingDocs): `npm run generate` writes them, `npm run generate:check` and
 * config/docs.test.ts fail when either is stale, so the documentation cannot drift from what the code reads.
 */
import { z } from 'zod';
import { chainFields, databaseFields, logFields } from './common';
import { settingDocs } from './env';
import { indexerCliFields, indexerFields } from './indexer';
import { demoFields, deploymentFields, roleFields, stackFields } from './stack';
import { webFields } from './web';

type Group = { title: string; readBy: string; fields: Record<string, z.ZodType> };

export const configGroups: Group[] = [
  { title: 'Chain and deployment', readBy: '`npm start`', fields: { ...chainFields, ...deploymentFields } },
  {
    title: 'Data and logs',
    readBy: '`npm start`, the standalone indexer',
    fields: { ...databaseFields, ...logFields },
  },
  { title: 'Web app', readBy: 'the dashboard of `npm start`', fields: { ...stackFields, ...webFields } },
  {
    title: 'Indexer',
    readBy: '`npm start`, the standalone indexer (`tsx db/indexer/cli.ts`)',
    fields: { ...indexerFields, ...indexerCliFields },
  },
  { title: 'Demo', readBy: '`npm start` on the local chain', fields: demoFields },
  { title: 'Roles', readBy: '`npm start` (docs/operations.md)', fields: roleFields },
];

/** The page whose tables are generated, between its two markers (the prose around them is written by hand). */
export const CONFIG_DOC = 'docs/configuration.md';
export const CONFIG_START = '<!-- config:start -->';
export const CONFIG_END = '<!-- config:end -->';

type Row = { name: string; description: string; default: string };

function rows(group: Group): Row[] {
  return Object.entries(group.fields).map(([name, schema]) => {
    const doc = settingDocs.get(schema);
    if (!doc) throw new Error(`${name} has no description: wrap its schema in documented(...) (config/env.ts).`);
    return { name, description: doc.description, default: doc.default ?? schemaDefault(schema) };
  });
}

function schemaDefault(schema: z.ZodType): string {
  if (schema instanceof z.ZodDefault) return String(schema.def.defaultValue);
  return 'unset';
}

/** The tables between CONFIG_START and CONFIG_END (without the markers). */
export function renderConfigTables(): string {
  const lines: string[] = [
    '<!-- Generated from config/*.ts by `npm run generate`: edit the descriptions there, not here. -->',
    '',
  ];
  for (const group of configGroups) {
    lines.push(
      `**${group.title}** — read by ${group.readBy}`,
      '',
      '| variable | default | meaning |',
      '| --- | --- | --- |',
    );
    for (const row of rows(group)) {
      const shown = row.default === 'unset' || /\s/.test(row.default) ? row.default : `\`${row.default}\``;
      lines.push(`| \`${row.name}\` | ${shown.replaceAll('|', '\\|')} | ${row.description.replaceAll('|', '\\|')} |`);
    }
    lines.push('');
  }
  // A blank line after the last table: the end marker must not read as one of its rows.
  return `${lines.join('\n')}\n`;
}

function wrap(text: string, width = 118): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.map((entry) => `# ${entry}`);
}

/** `.env.example`: every variable, each `NAME=` empty (the default applies), its description above it. */
export function renderEnvExample(): string {
  const lines = [
    ...wrap(
      'Generated from config/*.ts by `npm run generate` (edit the descriptions there). Copy to .env: `npm start` loads it, and variables already set in the environment win. Every variable is optional on a laptop (a local anvil chain and PGlite). An empty value means unset: the default applies, so a copied file never pins a default.',
    ),
  ];
  for (const group of configGroups) {
    lines.push('', `# --- ${group.title} (read by ${group.readBy.replaceAll('`', '')}) ---`);
    for (const row of rows(group)) {
      lines.push(...wrap(`${row.description} Default: ${row.default}.`), `${row.name}=`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** `page` (docs/configuration.md) with its configuration tables replaced by the current ones. */
export function withCurrentTables(page: string): string {
  const start = page.indexOf(CONFIG_START);
  const end = page.indexOf(CONFIG_END);
  if (start < 0 || end < start) throw new Error(`${CONFIG_DOC} has no ${CONFIG_START} … ${CONFIG_END} section.`);
  return `${page.slice(0, start + CONFIG_START.length)}\n${renderConfigTables()}${page.slice(end)}`;
}
