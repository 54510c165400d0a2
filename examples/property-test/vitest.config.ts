import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Runs this example on its own: npx vitest run --config examples/property-test/vitest.config.ts
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: { include: ['*.test.ts'] },
});
