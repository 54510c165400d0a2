import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Runs this example on its own: npx vitest run --config examples/property-test/vitest.config.ts
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // A few hundred generated requests take seconds, more on a busy machine: vitest's default
  // timeout of 5 s is too short for them (docs/testing.md says the same of jest's).
  test: { include: ['*.test.ts'], testTimeout: 30_000 },
});
