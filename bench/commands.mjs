// What every subcommand costs over a bare `node -e 0` (issue 19): the reads and the common changes
// a coordinator and scripts run daily, on copies of the bench's 25-family demo stores (JSON and
// SQLite). No targets, just the table: median wall time, its ratio to the `node -e 0` runs made
// beside it, and peak RSS. See bench/README.md.
//
//   node bench/commands.mjs [--runs 3] [--backend json|sqlite|both] [--only REGEX] [--instructions]
//
// --instructions counts each command's instructions with valgrind (callgrind) instead of timing it:
// the figure a loaded machine does not change (~5-20 s a run).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, DATE, MB, demoStore, famcoord, fmt, measure, median, pad, runOnce } from './run.mjs';

function parseArgs(argv) {
  const options = { runs: 3, backend: 'both', only: undefined, instructions: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--runs') (options.runs = Number(value)), i++;
    else if (flag === '--backend') (options.backend = value), i++;
    else if (flag === '--only') (options.only = new RegExp(value)), i++;
    else if (flag === '--instructions') options.instructions = true;
    else throw new Error(`unknown option ${flag}; see bench/README.md`);
  }
  if (!(options.runs >= 1) || !['json', 'sqlite', 'both'].includes(options.backend)) throw new Error('--runs must be 1 or more, --backend json, sqlite or both');
  return options;
}

/** A one-line batch, as a script feeds one change to `famcoord batch -`. */
const ONE_LINE_BATCH = `${JSON.stringify({ op: 'goal.progress', goalId: 'g1', score: 6, note: 'bench' })}\n`;

/**
 * The commands, on the demo's ids (seed 1, the same in both stores): reads, then changes, each
 * change taken back by an untimed `undo` after every run (and `undo` by a `redo`), so every run
 * finds the store as the first did.
 */
const READS = [
  ['today --json', ['today', '--json']],
  ['today', ['today']],
  ['families', ['families']],
  ['families --json', ['families', '--json']],
  ['family f1', ['family', 'f1']],
  ['family f1 --json', ['family', 'f1', '--json']],
  ['report', ['report']],
  ['team', ['team']],
  ['log', ['log']],
  ['access-log p1', ['access-log', 'p1']],
  ['export --family f1', ['export', '--family', 'f1']],
  ['export --csv goals', ['export', '--csv', 'goals']],
  ['plan f1', ['plan', 'f1']],
  ['minutes m2', ['minutes', 'm2']],
  ['calendar', ['calendar']],
  ['assessment show f1', ['assessment', 'show', 'f1']],
  ['doctor', ['doctor']],
  ['config', ['config']],
  ['--help', ['--help']],
];
const CHANGES = [
  ['goal add', ['goal', 'add', 'f1', '--title', 'Bench goal', '--due', '2027-01-31', '--sector', 'school']],
  ['goal progress', ['goal', 'progress', 'g1', '--score', '5', '--note', 'bench']],
  ['goal status', ['goal', 'status', 'g1', 'on-hold']],
  ['contact add', ['contact', 'add', 'f1', '--sector', 'health', '--subject', 'Bench question']],
  ['contact answer', ['contact', 'answer', 'c40', '--text', 'Bench answer']],
  ['meeting add', ['meeting', 'add', 'f1', '--type', 'netværksmøde', '--start', '2026-12-01 10:00']],
  ['meeting minutes --append', ['meeting', 'minutes', 'm2', '--text', 'Bench line', '--append']],
  ['agreement done', ['agreement', 'done', 'a1']],
  ['observe', ['observe', 'p3', '--kind', 'wellbeing', '--value', '5']],
  ['member add', ['member', 'add', 'f1', 'Bench Jensen:child']],
  ['consent add', ['consent', 'add', 'f1', '--sector', 'school', '--until', '2027-06-01']],
  ['batch - (1 line)', ['batch', '-'], ONE_LINE_BATCH],
];

/** Copies of the demo stores to write to (the kept ones stay as the bench builds them). */
async function storeCopies(backends, dir) {
  const copies = {};
  for (const backend of backends) {
    const kept = await demoStore(25, backend, false);
    const copy = join(dir, `demo-25.${backend === 'sqlite' ? 'sqlite' : 'json'}`);
    copyFileSync(kept, copy);
    if (existsSync(`${kept}.checked`)) copyFileSync(`${kept}.checked`, `${copy}.checked`);
    copies[backend] = copy;
  }
  return copies;
}

/**
 * A copied JSON store's known-good mark cannot vouch by the file's status (the copy is another
 * file); a read adds it once the copy is 3 s old (src/store/knownGood.ts), and from then on a read
 * need not hash the store, as on a coordinator's machine between two changes.
 */
async function settleMark(store) {
  const deadline = Date.now() + 30_000;
  // A read first: a mark another build wrote (other rules) is made again, with the hash only.
  runOnce(famcoord(store, 'today', '--json'));
  while (!readFileSync(`${store}.checked`, 'utf8').includes('\n')) {
    if (Date.now() > deadline) throw new Error(`no read recorded the status of ${store} in its mark within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    runOnce(famcoord(store, 'today', '--json'));
  }
}

/** Instructions (millions) of one run under valgrind's callgrind. */
function instructionsOnce(args, input) {
  const result = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, ...args], {
    input: input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * MB,
    env: { ...process.env, NO_COLOR: '1', FAMCOORD_USER: 'bench' },
  });
  const collected = /Collected : (\d+)/.exec(result.stderr ?? '');
  if (result.status !== 0 || !collected) throw new Error(`${args.slice(1).join(' ')} under valgrind failed: ${(result.error?.message ?? result.stderr ?? '').split('\n').at(-2)}`);
  return Number(collected[1]) / 1e6;
}

const options = parseArgs(process.argv.slice(2));
const backends = options.backend === 'both' ? ['json', 'sqlite'] : [options.backend];
const dir = mkdtempSync(join(tmpdir(), 'famcoord-bench-commands-'));
const rows = [];
try {
  const stores = await storeCopies(backends, dir);
  // Each row: one untimed run first (a command's first run after a build makes its code cache).
  const row = async (backend, name, once, between) => {
    if (options.only && !options.only.test(name)) return;
    try {
      once(), between?.();
      if (options.instructions) {
        const counts = [];
        for (let i = 0; i < options.runs; i++) counts.push(once(instructionsOnce)), between?.();
        rows.push({ backend, name, instructions: median(counts) });
      } else rows.push({ backend, name, ...(await measure(options.runs, () => once(runOnce), between)) });
    } catch (error) {
      rows.push({ backend, name, error: String(error.message ?? error).split('\n')[0] });
    }
    process.stderr.write('.');
  };
  const run = (args, input) => (runner = runOnce) => (runner === runOnce ? runOnce(args, { input }) : runner(args, input));
  await row('-', 'node -e 0', run(['-e', '0']));
  await row('-', '--version', run([BIN, '--version']));
  for (const backend of backends) {
    const store = stores[backend];
    if (backend === 'json') await settleMark(store);
    for (const [name, args] of READS) await row(backend, name, run(famcoord(store, ...args)));
    const undo = () => runOnce(famcoord(store, 'undo'));
    for (const [name, args, input] of CHANGES) await row(backend, name, run(famcoord(store, ...args), input), undo);
    runOnce(famcoord(store, ...CHANGES[1][1]));
    await row(backend, 'undo', run(famcoord(store, 'undo')), () => runOnce(famcoord(store, 'redo')));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.stderr.write('\n');
printTable(rows);

function printTable(rows) {
  const reference = rows.find((r) => r.name === 'node -e 0');
  const header = options.instructions ? ['store', 'command', 'M instr.', '× node'] : ['store', 'command', 'median s', 'min–max s', '× node', 'peak RSS'];
  const lines = rows.map((r) => {
    if (r.error) return [r.backend, r.name, 'n/a', r.error.slice(0, 90)];
    if (options.instructions) return [r.backend, r.name, r.instructions.toFixed(1), reference?.instructions ? (r.instructions / reference.instructions).toFixed(2) : ''];
    return [r.backend, r.name, fmt(r.median), `${fmt(r.min)}–${fmt(r.max)}`, r.ratio.toFixed(2), r.rss === undefined ? '' : `${Math.round(r.rss / MB)} MB`];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i] ?? '').length)));
  const show = (cells) => cells.map((c, i) => pad(c ?? '', widths[i], i >= 2)).join('  ').trimEnd();
  console.log(options.instructions ? `instructions, median of ${options.runs} runs under callgrind; × node is to the node -e 0 row\n` : `median of ${options.runs} runs; each ratio is to the node -e 0 runs made beside that row's\n`);
  console.log(show(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(show(line));
}
