import { existsSync } from 'node:fs';
import { defineConfig } from 'tsup';

// One build of every entry, with code splitting: what the subpath entries share with the core
// (the state validation, the error class, the readers) goes into shared chunks that
// `feed-rebalancer` itself loads, instead of a copy in each subpath bundle. So a
// `RebalanceError` thrown by `feed-rebalancer/testing` is the class users import from
// `feed-rebalancer` (`instanceof` holds), and the core is loaded once.
// scripts/check-bundles.mjs fails the build when a subpath bundle defines core code.
//
// The command line's `import()` of the server, the Redis store and the testing kit stays a real
// dynamic import of their chunks, so a command loads Fastify only for `serve`, `ioredis` (an
// optional peer) only with `--redis`, and `fast-check` (an optional peer) only for `check-policy`.

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

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    ...Object.fromEntries(Object.entries(subpaths).filter(([, path]) => existsSync(path))),
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: false,
  target: 'es2022',
  splitting: true,
  treeshake: true,
  external: [
    'fast-check',
    'ioredis',
    'seedrandom',
    'ml-matrix',
    'hyparquet',
    'fastify',
    'prom-client',
    '@opentelemetry/api',
  ],
});
