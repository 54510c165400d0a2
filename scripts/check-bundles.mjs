#!/usr/bin/env node
// Checks that the subpath bundles (feed-rebalancer/redis, /testing, /simulate, /server, /otel and the CLI) take
// the core from the shared chunks that `feed-rebalancer` itself loads, rather than carrying a
// copy of it: a copy would be a second RebalanceError class (`instanceof` would fail across
// entries) and a second copy of the state validation.
//
//   node scripts/check-bundles.mjs [dist]
//
// How: every function and class declared at the top level of a core source file (src/ outside
// the subpath folders) is core code; esbuild keeps their names, so a subpath bundle that declares
// one of them has a copy. Exits 1 naming the bundle and the declarations.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import process from 'node:process';
import ts from 'typescript';

const dist = process.argv[2] ?? 'dist';
const SUBPATH_FOLDERS = [
  'src/simulate',
  'src/testing',
  'src/store/redis',
  'src/cli',
  'src/server',
  'src/otel',
];
const SUBPATH_BUNDLES = [
  'redis',
  'testing',
  'simulate',
  'simulate-worker',
  'server',
  'otel',
  'cli',
];

function sourceFiles(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(path, out);
    else if (entry.name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/**
 * Names of the functions and classes declared at the top level of core source files, less the
 * names a subpath folder declares too (a private helper of the same name is not a copy).
 */
const core = new Map();
const own = new Set();
for (const file of sourceFiles('src')) {
  const inSubpath = SUBPATH_FOLDERS.some((folder) => file.startsWith(`${folder}/`));
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  for (const statement of source.statements)
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name)
      if (inSubpath) own.add(statement.name.text);
      else core.set(statement.name.text, relative('.', file));
}
for (const name of own) core.delete(name);

let failed = false;
for (const name of SUBPATH_BUNDLES) {
  for (const extension of ['js', 'cjs']) {
    const path = join(dist, `${name}.${extension}`);
    let text;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue; // an entry whose folder does not exist is not built
    }
    const copies = [];
    for (const match of text.matchAll(/^(?:async )?(?:function\*? |class )([\w$]+)/gm)) {
      const from = core.get(match[1]);
      if (from !== undefined) copies.push(`${match[1]} (${from})`);
    }
    if (copies.length > 0) {
      failed = true;
      process.stderr.write(`${path} carries a copy of core code: ${copies.join(', ')}\n`);
    } else process.stdout.write(`${path}: no core code\n`);
  }
}
if (core.size < 100) {
  process.stderr.write(`only ${core.size} core declarations found: is this the repository root?\n`);
  failed = true;
}
process.exit(failed ? 1 : 0);
