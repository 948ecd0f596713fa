// A team at work on one store (issue 16): N coordinators at once (N processes at a time, whole
// famcoord processes as people run them), each repeating: open today for their caseload, record
// progress on one of their goals, open that family. Prints p50/p95 per command, progress steps per
// second, and checks that every acknowledged step is in the log once (none lost, none twice).
// Every figure is also a ratio to `node -e 0` measured beside it.
//
//   node bench/team.mjs --store STORE [--coordinators 20] [--rounds 5]
//   STORE: a demo store, e.g. made with famcoord demo --families 10000 --date 2026-11-24 --store ...
//   (a .sqlite path, or a postgresql:// URL; the JSON file is not meant for a team)
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'famcoord.js');
const DATE = '2026-11-24';

function parseArgs(argv) {
  const options = { store: undefined, coordinators: 20, rounds: 5 };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--store') options.store = value;
    else if (flag === '--coordinators') options.coordinators = Number(value);
    else if (flag === '--rounds') options.rounds = Number(value);
    else throw new Error(`unknown option ${flag}; see bench/team.mjs`);
  }
  if (!options.store) throw new Error('--store STORE is required');
  return options;
}

/** Runs famcoord once, asynchronously: wall time (ms) and its output; a failure stops the bench. */
function famcoord(args, store) {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [BIN, ...args, '--store', store, '--date', DATE], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code === 0) resolvePromise({ ms, stdout });
      else reject(new Error(`famcoord ${args.join(' ').slice(0, 80)} failed (${code}): ${stderr.split('\n')[0]}`));
    });
  });
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

function nodeBaseline() {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const started = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return percentile(times, 50);
}

const { store, coordinators, rounds } = parseArgs(process.argv.slice(2));
const before = nodeBaseline();
// Each coordinator's caseload: the demo gives every 20 families beyond the first 100 their own.
const lanes = [];
for (let k = 0; k < coordinators; k++) {
  const family = JSON.parse((await famcoord(['family', `f${101 + 20 * k}`, '--json'], store)).stdout);
  const goal = family.goals?.[0];
  if (!goal) throw new Error(`family f${101 + 20 * k} has no goal to record progress on`);
  lanes.push({ coordinator: family.coordinator, familyId: family.id, goalId: goal.id });
}
const times = { today: [], progress: [], family: [] };
const started = Date.now();
await Promise.all(
  lanes.map(async (lane, k) => {
    for (let round = 0; round < rounds; round++) {
      times.today.push((await famcoord(['today', '--caseload', lane.coordinator], store)).ms);
      times.progress.push((await famcoord(['goal', 'progress', lane.goalId, '--score', String(round % 11), '--note', `bench-${process.pid}-${k}-${round}`], store)).ms);
      times.family.push((await famcoord(['family', lane.familyId], store)).ms);
    }
  }),
);
const elapsed = (Date.now() - started) / 1000;
const after = nodeBaseline();
const node = (before + after) / 2;
// None lost, none twice: every note this run wrote is in the log exactly once.
const log = JSON.parse((await famcoord(['log', '--json'], store)).stdout);
const notes = log.flatMap((entry) => (entry.ops ?? entry.operations ?? []).map((op) => op.note)).filter((note) => typeof note === 'string' && note.startsWith(`bench-${process.pid}-`));
const expected = coordinators * rounds;
const unique = new Set(notes).size;
console.log(`store: ${store.replace(/:[^:@/]*@/, ':***@')}; ${coordinators} coordinators at once, ${rounds} rounds each; node -e 0: ${node.toFixed(0)} ms`);
for (const [what, values] of Object.entries(times))
  console.log(`${what.padEnd(9)} p50 ${percentile(values, 50).toFixed(0)} ms (${(percentile(values, 50) / node).toFixed(1)}×)  p95 ${percentile(values, 95).toFixed(0)} ms (${(percentile(values, 95) / node).toFixed(1)}×)`);
console.log(`progress steps: ${expected} in ${elapsed.toFixed(1)} s = ${(expected / elapsed).toFixed(1)} steps/s (whole processes, ${coordinators} at a time); in the log: ${notes.length}, distinct: ${unique}`);
if (notes.length !== expected || unique !== expected) {
  console.error(`LOST OR DOUBLED: expected ${expected} steps, the log has ${notes.length} (${unique} distinct)`);
  process.exitCode = 1;
}
