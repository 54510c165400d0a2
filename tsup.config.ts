import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { defineConfig, type Options } from 'tsup';

const CORE = resolve('src/index.ts');
const ERRORS = resolve('src/errors/RebalanceError.ts');

/**
 * Subpath bundles take the core from the installed package rather than a copy of their own, so a
 * `RebalanceError` thrown by `feed-rebalancer/testing` is the class users import from
 * `feed-rebalancer` (`instanceof` holds) and the core is loaded once.
 */
const coreFromPackage: Plugin = {
  name: 'core-from-package',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const target = resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
      if (target === CORE || target === ERRORS) return { path: 'feed-rebalancer', external: true };
      return undefined;
    });
  },
};

// Subpath entries are built as their folders exist, so the core builds on its own.
const subpaths: Record<string, string> = {
  simulate: 'src/simulate/index.ts',
  'simulate-worker': 'src/simulate/parallel/worker.ts',
  testing: 'src/testing/index.ts',
  redis: 'src/store/redis/index.ts',
  cli: 'src/cli/main.ts',
};

const shared: Options = {
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: false,
  target: 'es2022',
  splitting: false,
  treeshake: true,
  external: ['fast-check', 'ioredis', 'seedrandom', 'ml-matrix', 'feed-rebalancer'],
};

export default defineConfig([
  { ...shared, entry: { index: 'src/index.ts' } },
  {
    ...shared,
    entry: Object.fromEntries(Object.entries(subpaths).filter(([, path]) => existsSync(path))),
    esbuildPlugins: [coreFromPackage],
  },
]);
