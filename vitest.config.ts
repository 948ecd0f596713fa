import { defineConfig } from 'vitest/config';
import { fingerprintDefine } from './scripts/schemaFingerprint.mjs';

export default defineConfig({
  // The schema's fingerprint, as the build has it: known-good marks work in tests as in use.
  define: fingerprintDefine(),
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    allowOnly: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // CLI and concurrency tests spawn processes; 2 cores.
    maxWorkers: 2,
  },
});
