import { defineConfig } from 'vitest/config';
import { fingerprintDefine } from './scripts/schemaFingerprint.mjs';

export default defineConfig({
  // The schema's fingerprint, as the build has it: known-good marks work in tests as in use.
  define: fingerprintDefine(),
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    // One throwaway PostgreSQL server for the run (or FAMCOORD_TEST_PG_URL's), for the PostgreSQL backend's tests.
    // A code cache folder of the run's own (tests/helpers/codeCacheDir.ts).
    globalSetup: ['tests/helpers/pgServer.ts', 'tests/helpers/codeCacheDir.ts'],
    allowOnly: false,
    // Guards against a hung test, not speed limits: generous, so a loaded machine (a busy 2-core
    // laptop, npm run test:loaded) passes too. Speed is measured in bench/.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // CLI and concurrency tests spawn processes; 2 cores.
    maxWorkers: 2,
  },
});
