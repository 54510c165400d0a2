import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  findCycle,
  folderOf,
  layerViolations,
  readImportGraph,
  type ImportEdge,
  type ImportGraph,
} from './importGraph.js';

/**
 * Which folders of `src/` each folder may import (its own files aside): the layering of
 * docs/architecture.md. Lower layers come first; a folder imports only from the layers listed for
 * it, never upwards, so the core can be read (and tested) from the bottom up.
 */
const FOUNDATION = ['errors', 'validate', 'scratch'];
const CORE = [
  ...FOUNDATION,
  'item',
  'delivery',
  'taxonomy',
  'detect',
  'policy',
  'feedback',
  'exposure',
  'interventions',
  'rerank',
  'presets',
  'facade',
];
export const LAYERS: Readonly<Record<string, readonly string[]>> = {
  errors: [],
  scratch: [],
  validate: ['errors'],
  item: [...FOUNDATION],
  delivery: [...FOUNDATION],
  detect: [...FOUNDATION],
  taxonomy: [...FOUNDATION, 'item'],
  policy: [...FOUNDATION, 'detect'],
  feedback: [...FOUNDATION, 'taxonomy'],
  exposure: [...FOUNDATION, 'item', 'delivery', 'taxonomy', 'detect', 'policy', 'feedback'],
  interventions: [...FOUNDATION, 'item', 'taxonomy', 'detect', 'policy', 'feedback', 'exposure'],
  rerank: [
    ...FOUNDATION,
    'item',
    'taxonomy',
    'detect',
    'policy',
    'feedback',
    'exposure',
    'interventions',
  ],
  presets: [...FOUNDATION, 'taxonomy', 'policy'],
  facade: CORE.filter((folder) => folder !== 'facade' && folder !== 'presets'),
  store: [...FOUNDATION, 'delivery', 'exposure'],
  'index.ts': [...CORE, 'store'],
  // The subpath entries and the command line: outside the runtime-neutral core, above it.
  'store/redis': [...FOUNDATION, 'delivery', 'exposure', 'store'],
  simulate: [...CORE, 'store', 'index.ts'],
  testing: [...CORE, 'index.ts'],
  otel: [...CORE, 'index.ts'],
  server: [...CORE, 'store', 'index.ts', 'otel', '../schemas'],
  cli: [...CORE, 'store', 'store/redis', 'index.ts', 'simulate', 'testing', 'otel', 'server'],
};

const graph = readImportGraph(resolve(import.meta.dirname, '../../src'));

function graphOf(edges: Record<string, readonly string[]>): ImportGraph {
  return new Map(
    Object.entries(edges).map(([file, targets]): [string, ImportEdge[]] => [
      file,
      targets.map((to, k) => ({ to, line: k + 1, text: `import '${to}'` })),
    ]),
  );
}

describe('import graph of src/', () => {
  it('readImportGraph(src) finds the files and their imports, type-only ones included', () => {
    expect(graph.size).toBeGreaterThan(100);
    const entry = graph.get('index.ts');
    expect(entry?.some((edge) => edge.to === 'facade/createRebalancer.ts')).toBe(true);
    // `export type { … } from` is an import too.
    expect(
      entry?.some((edge) => edge.text.startsWith('export type') && edge.to === 'facade/types.ts'),
    ).toBe(true);
    // The subpath folders are read too, so the cycle check covers them.
    const folders = new Set([...graph.keys()].map(folderOf));
    for (const folder of ['server', 'store', 'store/redis', 'cli', 'simulate', 'testing'])
      expect(folders.has(folder), folder).toBe(true);
  });

  it('has no import cycle, type-only imports included', () => {
    const cycle = findCycle(graph);
    expect(cycle === null ? null : cycle.join(' → '), 'an import cycle').toBeNull();
  });

  it('imports only along the layering table (docs/architecture.md)', () => {
    expect(layerViolations(graph, LAYERS)).toEqual([]);
  });

  it('findCycle(graph) names the files of a cycle, type-only or not, and null without one', () => {
    expect(
      findCycle(graphOf({ 'a/x.ts': ['b/y.ts'], 'b/y.ts': ['a/z.ts'], 'a/z.ts': [] })),
    ).toBeNull();
    expect(
      findCycle(graphOf({ 'a/x.ts': ['b/y.ts'], 'b/y.ts': ['a/z.ts'], 'a/z.ts': ['a/x.ts'] })),
    ).toEqual(['a/x.ts', 'b/y.ts', 'a/z.ts', 'a/x.ts']);
    expect(findCycle(graphOf({ 'a.ts': ['a.ts'] }))).toEqual(['a.ts', 'a.ts']);
  });

  it('layerViolations(graph, table) names the file, the line and the import that goes the wrong way', () => {
    const table = { low: [], high: ['low'] };
    expect(layerViolations(graphOf({ 'high/a.ts': ['low/b.ts'], 'low/b.ts': [] }), table)).toEqual(
      [],
    );
    expect(layerViolations(graphOf({ 'high/a.ts': [], 'low/b.ts': ['high/a.ts'] }), table)).toEqual(
      ["low/b.ts:1 imports high/a.ts — 'low' may import only nothing: import 'high/a.ts'"],
    );
    expect(layerViolations(graphOf({ 'other/c.ts': [] }), table)).toEqual([
      "other/c.ts: folder 'other' has no row in the layering table",
    ]);
  });
});
