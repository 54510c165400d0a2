import { existsSync } from 'node:fs';
import { defineConfig } from 'tsup';

// Subpath entries are added as their folders exist, so the core builds on its own.
const candidates: Record<string, string> = {
  index: 'src/index.ts',
  simulate: 'src/simulate/index.ts',
  testing: 'src/testing/index.ts',
  redis: 'src/store/redis/index.ts',
  cli: 'src/cli/main.ts',
};

export default defineConfig({
  entry: Object.fromEntries(Object.entries(candidates).filter(([, path]) => existsSync(path))),
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  splitting: false,
  treeshake: true,
  external: ['fast-check', 'ioredis', 'ml-matrix', 'seedrandom'],
});
