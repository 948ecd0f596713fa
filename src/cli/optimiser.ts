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
// The budget is a V8 flag, set here while the program runs: it is raised once a read has gone
// through LONG_READ_FAMILIES families (Node's `v8` module, which sets it, costs ~27 M instructions
// to load: streams), after the command has loaded its code, and put back when the read and its
// output are done (at exit at the latest). V8 11.3 keys its code caches with the flags it started
// with, so the caches are not affected; putting the budget back keeps it so for a V8 that would
// key them with the flags of the moment (bin/famcoord.js writes its cache at exit).

/** Families after which a read counts as long (a coordinator's caseload is a few dozen to a hundred). */
export const LONG_READ_FAMILIES = 256;

/** V8's default interrupt budget, per V8 version: where it is not known, the budget is left alone (putting back a wrong "default" would change the flags every cache is keyed with). */
const DEFAULT_BUDGET: Record<string, number> = { '11.3': 66 * 1024 };
const LONG_READ_FACTOR = 4;
/** The flag itself, as a user would set it (V8 takes - and _ alike), not its relatives (--interrupt-budget-for-feedback-allocation). */
const BUDGET_FLAG = /^--interrupt[-_]budget(=|$)/;

/**
 * Raises V8's interrupt budget for the rest of a long read; the returned function puts it back
 * (also done at exit, first of the exit handlers, however the process ends). Does nothing where
 * the default is not known or the user set the budget themselves.
 */
export async function deferOptimisation(): Promise<() => void> {
  const defaultBudget = DEFAULT_BUDGET[process.versions.v8.split('.').slice(0, 2).join('.')];
  const chosen = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((arg) => BUDGET_FLAG.test(arg));
  if (defaultBudget === undefined || chosen) return () => undefined;
  const { setFlagsFromString } = await import('node:v8');
  let raised = true;
  const putBack = () => {
    if (!raised) return;
    raised = false;
    setFlagsFromString(`--interrupt-budget=${defaultBudget}`);
    process.removeListener('exit', putBack);
  };
  process.prependOnceListener('exit', putBack);
  setFlagsFromString(`--interrupt-budget=${defaultBudget * LONG_READ_FACTOR}`);
  return putBack;
}
