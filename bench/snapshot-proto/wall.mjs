// Wall time, peak RSS and minor page faults of the prototype's blob against the shipped bin, the
// commands interleaved (one of each in turn, ROUNDS rounds) so that a busy moment of the shared
// machine weighs on all alike; medians. Environment as the bench's (NODE_EXTRA_CA_CERTS as set).
//   node bench/snapshot-proto/wall.mjs BLOBDIR STORE [ROUNDS=21]
// BLOBDIR from `build.sh DIR CACHE` (without valgrind). Peak RSS, minor faults and CPU time (user
// + system: less sensitive than wall time to the other helpers' load) come from wait4(2), in runs
// of their own (rusage.py), one per command per round.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [blobs, store, rounds = '21'] = process.argv.slice(2);
if (!blobs || !store) throw new Error('usage: wall.mjs BLOBDIR STORE [ROUNDS]');
const bin = fileURLToPath(new URL('../../bin/famcoord.js', import.meta.url));
const env = { ...process.env, NO_COLOR: '1', FAMCOORD_USER: 'bench', FAMCOORD_CACHE_DIR: process.env.FAMCOORD_CACHE_DIR ?? '/tmp/cc-snapshot' };
mkdirSync(env.FAMCOORD_CACHE_DIR, { recursive: true, mode: 0o700 });
const today = ['--store', store, 'today', '--json'];
const commands = {
  'node -e 0': ['-e', '0'],
  'empty blob': ['--snapshot-blob', join(blobs, 'empty.blob')],
  'bin today --json': [bin, ...today],
  'cached blob today --json': ['--snapshot-blob', join(blobs, 'cached.blob'), '--', ...today],
  'bin --version': [bin, '--version'],
  'cached blob --version': ['--snapshot-blob', join(blobs, 'cached.blob'), '--', '--version'],
};

function run(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`);
  return ms;
}
const RUSAGE = fileURLToPath(new URL('rusage.py', import.meta.url));
function resourceUse(args) {
  const result = spawnSync('python3', [RUSAGE, process.execPath, ...args], { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${args.join(' ')}: ${result.stderr}`);
  const [kb, faults, cpu] = result.stdout.trim().split(' ').map(Number);
  return { kb, faults, cpu };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const args of Object.values(commands)) run(args); // caches made, files in the page cache
const figures = Object.fromEntries(Object.keys(commands).map((name) => [name, { ms: [], kb: [], faults: [], cpu: [] }]));
const load = [loadavg()[0]];
for (let round = 0; round < Number(rounds); round++) {
  for (const [name, args] of Object.entries(commands)) {
    figures[name].ms.push(run(args));
    const { kb, faults, cpu } = resourceUse(args);
    figures[name].kb.push(kb);
    figures[name].faults.push(faults);
    figures[name].cpu.push(cpu);
  }
}
load.push(loadavg()[0]);
console.log(`${rounds} rounds, load average (1 min) ${load.map((l) => l.toFixed(2)).join(' -> ')} on ${availableParallelism()} cores`);
for (const [name, { ms, kb, faults, cpu }] of Object.entries(figures))
  console.log(`${name.padEnd(28)} ${median(ms).toFixed(1).padStart(6)} ms wall ${median(cpu).toFixed(1).padStart(6)} ms CPU   ${median(kb)} KB   ${median(faults)} minor faults`);
