#!/usr/bin/env node
// Native-solc stand-in for forge: forge cannot download a native compiler here, so it calls this
// wrapper around the pinned npm `solc` (solcjs). It speaks the two things forge asks of a compiler:
// `--version` in the native format, and `--standard-json` on stdin with import resolution.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const solc = require('solc');

const args = process.argv.slice(2);
if (args.includes('--version')) {
  process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`);
  process.exit(0);
}
if (!args.includes('--standard-json')) {
  process.stderr.write('This wrapper only supports --version and --standard-json.\n');
  process.exit(1);
}

// Collect the roots forge allows imports from; remapped paths arrive already resolved.
const roots = [process.cwd()];
for (let i = 0; i < args.length; i++) {
  const flag = args[i];
  if (flag === '--base-path' || flag === '--include-path' || flag === '--allow-paths') {
    for (const p of String(args[i + 1] ?? '').split(',')) if (p) roots.push(path.resolve(p));
    i++;
  }
}

function findImports(importPath) {
  const candidates = path.isAbsolute(importPath) ? [importPath] : roots.map((r) => path.join(r, importPath));
  for (const candidate of candidates) {
    try {
      return { contents: fs.readFileSync(candidate, 'utf8') };
    } catch {}
  }
  return { error: `File not found: ${importPath}` };
}

const input = fs.readFileSync(0, 'utf8');
const output = solc.compile(input, { import: findImports });
// Write synchronously and completely: large outputs were corrupted when streamed by solcjs's own CLI.
const buffer = Buffer.from(output, 'utf8');
let offset = 0;
while (offset < buffer.length) {
  try {
    offset += fs.writeSync(1, buffer, offset, buffer.length - offset);
  } catch (error) {
    if (error.code !== 'EAGAIN') throw error;
  }
}
