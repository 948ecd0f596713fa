// The whole test suite on a loaded machine: two processes spin on a CPU each (a busy 2-core
// laptop) while vitest runs, so a test that assumes how fast the machine is fails here first.
// `npm run test:loaded -- --times 3` runs the suite three times in a row, stopping at the first
// failure; other arguments go to vitest. Exits with vitest's code. Not part of .ci/run (its time).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BURNERS = 2;

const args = process.argv.slice(2);
let times = 1;
const timesAt = args.indexOf('--times');
if (timesAt >= 0) {
  times = Number(args[timesAt + 1]);
  if (!Number.isInteger(times) || times < 1) {
    console.error('test-loaded: --times needs a whole number of runs, 1 or more');
    process.exit(2);
  }
  args.splice(timesAt, 2);
}

const burners = Array.from({ length: BURNERS }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
let vitest;
// Whatever ends this script ends its children too: no burner or suite is left running.
process.on('exit', () => {
  for (const burner of burners) burner.kill('SIGKILL');
  vitest?.kill('SIGTERM');
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

function runSuite() {
  return new Promise((resolve) => {
    vitest = spawn(process.execPath, [join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...args], { cwd: ROOT, stdio: 'inherit' });
    vitest.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

let code = 0;
for (let run = 1; run <= times && code === 0; run++) {
  console.log(`test-loaded: run ${run} of ${times}, beside ${BURNERS} CPU-burning processes`);
  const started = Date.now();
  code = await runSuite();
  console.log(`test-loaded: run ${run} ${code === 0 ? 'passed' : `failed (exit ${code})`} in ${Math.round((Date.now() - started) / 1000)} s`);
}
process.exit(code);
