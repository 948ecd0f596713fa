// V8 compiles a function with its optimising compiler (TurboFan) once the function has run for a
// while: its "interrupt budget", 66 KB of bytecode executed. Going through a thousand families
// runs a few dozen functions thousands of times, so V8 compiled some twenty of them, together
// costing more than the loop they sped up, for a process that ended tens of milliseconds later:
// `today --json` on 1,000 families (SQLite) spent ~400 M of its ~970 M instructions compiling
// (measured with `node --single-threaded`; without it the work goes to a second thread, which a
// 2-core machine shares with the main one). With 4× the budget, that run compiles nothing and
// takes ~40 % less CPU, while a read long enough to profit from compiled code (10,000 families and
// up) still gets it, a little later.
//
// The budget is a V8 flag (as is the size of a small function V8 optimises on its first tick,
// set to none alongside), set here while the program runs: it is raised once a read has gone
// through LONG_READ_FAMILIES families (Node's `v8` module, which sets it, costs ~27 M instructions
// to load: streams), after the command has loaded its code, and put back when the read and its
// output are done (at exit at the latest). V8 11.3 keys its code caches with the flags it started
// with, so the caches are not affected; putting the budget back keeps it so for a V8 that would
// key them with the flags of the moment (bin/famcoord.js writes its cache at exit).
//
// A whole store's read (WHOLE_STORE_FAMILIES and up) also holds back how far V8 grows the heap past
// what it last found alive (`--heap-growing-percent`, read by V8 at every full collection, so it
// works when set while the program runs): measured on `today` at 100,000 families on PostgreSQL,
// where V8's own growth took peak RSS far past what the view holds (see the README).

/** Families after which a read counts as long (a coordinator's caseload is a few dozen to a hundred). */
export const LONG_READ_FAMILIES = 256;

/** Families after which a read is a municipality's whole store: its heap's growth is held back too. */
export const WHOLE_STORE_FAMILIES = 10_000;

/**
 * V8's defaults of the flags set here, per V8 version: where they are not known, the flags are left
 * alone (putting back a wrong "default" would change the flags every cache is keyed with).
 */
const DEFAULTS: Record<string, { budget: number; earlyOptBytecode: number; heapGrowingPercent: number }> = { '11.3': { budget: 66 * 1024, earlyOptBytecode: 81, heapGrowingPercent: 0 } };
const LONG_READ_FACTOR = 4;
/**
 * How far V8 lets the heap grow past what the last full collection found alive, in per cent, on a
 * whole store's read. V8's own factor (up to 4×) is chosen for speed: whole-store `today` at
 * 100,000 families on PostgreSQL, whose view holds ~120 MB, peaked at 276-305 MB with its rows
 * handed on as they come (360-390 MB before, when pg's collected rows left ~250 MB of garbage in
 * the old generation). At 30 % it peaked at 250-276 MB, for ~0.3 s more CPU in full collections
 * on a ~8 s read (at 20 %: 254-263 MB, +1.5 s; set from the read's start, twice the cost).
 */
const WHOLE_STORE_HEAP_GROWING_PERCENT = 30;
/** The flags themselves, as a user would set them (V8 takes - and _ alike), not their relatives (--interrupt-budget-for-feedback-allocation). */
const BUDGET_FLAG = /^--interrupt[-_]budget(=|$)/;
const HEAP_GROWING_FLAG = /^--heap[-_]growing[-_]percent(=|$)/;
const EARLY_OPT_FLAG = /^--max[-_]bytecode[-_]size[-_]for[-_]early[-_]opt(=|$)/;

export interface LongReadTuning {
  /** Holds the heap's growth back for the rest of a whole store's read (WHOLE_STORE_FAMILIES). */
  wholeStore(): void;
  /** Puts every flag back (also done at exit, first of the exit handlers, however the process ends). */
  putBack(): void;
}

/**
 * Raises V8's interrupt budget for the rest of a long read, and on `wholeStore()` holds the heap's
 * growth back; `putBack` restores both. A flag is left alone where its default is not known or the
 * user set it themselves.
 */
export async function tuneForLongRead(): Promise<LongReadTuning> {
  const defaults = DEFAULTS[process.versions.v8.split('.').slice(0, 2).join('.')];
  const chosen = (flag: RegExp) => [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((arg) => flag.test(arg));
  if (defaults === undefined) return { wholeStore: () => undefined, putBack: () => undefined };
  const { setFlagsFromString } = await import('node:v8');
  const set: string[] = [];
  const raise = (flag: RegExp, name: string, value: number) => {
    if (chosen(flag) || set.includes(name)) return;
    set.push(name);
    setFlagsFromString(`--${name}=${value}`);
  };
  const putBack = () => {
    if (set.includes('interrupt-budget')) setFlagsFromString(`--interrupt-budget=${defaults.budget}`);
    if (set.includes('max-bytecode-size-for-early-opt')) setFlagsFromString(`--max-bytecode-size-for-early-opt=${defaults.earlyOptBytecode}`);
    if (set.includes('heap-growing-percent')) setFlagsFromString(`--heap-growing-percent=${defaults.heapGrowingPercent}`);
    set.length = 0;
    process.removeListener('exit', putBack);
  };
  process.prependOnceListener('exit', putBack);
  raise(BUDGET_FLAG, 'interrupt-budget', defaults.budget * LONG_READ_FACTOR);
  // Nor on their first tick, which V8 does for small functions (up to 81 bytes of bytecode) whatever
  // the budget: on a whole store's Today ~25 M instructions of compiling on the second core, for
  // a day count, the bundle's export getters and a shape check, in a run that ends right after.
  raise(EARLY_OPT_FLAG, 'max-bytecode-size-for-early-opt', 0);
  return { wholeStore: () => raise(HEAP_GROWING_FLAG, 'heap-growing-percent', WHOLE_STORE_HEAP_GROWING_PERCENT), putBack };
}
