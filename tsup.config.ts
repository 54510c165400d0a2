import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { defineConfig, type Options } from 'tsup';

/** Source entries other bundles import from the installed package, by their subpath. */
const FROM_PACKAGE: ReadonlyMap<string, string> = new Map([
  [resolve('src/index.ts'), 'feed-rebalancer'],
  [resolve('src/errors/RebalanceError.ts'), 'feed-rebalancer'],
  [resolve('src/server/index.ts'), 'feed-rebalancer/server'],
  [resolve('src/testing/index.ts'), 'feed-rebalancer/testing'],
  [resolve('src/store/redis/index.ts'), 'feed-rebalancer/redis'],
  [resolve('src/otel/index.ts'), 'feed-rebalancer/otel'],
]);

/**
 * Subpath bundles take the core from the installed package rather than a copy of their own, so a
 * `RebalanceError` thrown by `feed-rebalancer/testing` is the class users import from
 * `feed-rebalancer` (`instanceof` holds) and the core is loaded once. The command line takes the
 * server, the Redis store and the testing kit the same way: its `import()` of them stays a real
 * dynamic import, so a command loads Fastify only for `serve`, `ioredis` (an optional peer) only
 * with `--redis`, and `fast-check` (an optional peer) only for `check-policy`.
 */
const coreFromPackage: Plugin = {
  name: 'core-from-package',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const target = resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
      const subpath = FROM_PACKAGE.get(target);
      if (subpath !== undefined) return { path: subpath, external: true };
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
  server: 'src/server/index.ts',
  otel: 'src/otel/index.ts',
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
  external: [
    'fast-check',
    'ioredis',
    'seedrandom',
    'fastify',
    'prom-client',
    '@opentelemetry/api',
    'feed-rebalancer',
  ],
};

export default defineConfig([
  { ...shared, entry: { index: 'src/index.ts' } },
  {
    ...shared,
    entry: Object.fromEntries(Object.entries(subpaths).filter(([, path]) => existsSync(path))),
    esbuildPlugins: [coreFromPackage],
  },
]);
