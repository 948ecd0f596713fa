// V8 compiles a function with its optimising compiler (TurboFan) once the function has run for a
// while: its "interrupt budget", 66 KB of bytecode executed. Going through a thousand families
// runs a few dozen functions thousands of times, so V8 compiled some twenty of them, each costing
// more than the whole family loop, for a process that ended tens of milliseconds later: `today
// --json` on 1,000 families (SQLite) spent ~400 M of its ~970 M instructions compiling (measured
// with `node --single-threaded`; without it the work goes to a second thread, which a 2-core
// machine shares with the main one). With 4× the budget, that run compiles nothing and takes
// ~40 % less CPU, while a read long enough to profit from compiled code (10,000 families and up)
// still gets it, a little later.
//
// The budget is a V8 flag, and V8 keys every code cache with its flags: a script compiled while
// the budget is raised is refused its cached data (famcoord's own, see bin/famcoord.js, and Node's
// for its built-in modules), and cached data made then would be refused by every later run. So it
// is raised only around a long read, after the command has loaded its code, and put back before
// the bin writes its cache at exit. Node's `v8` module costs ~27 M instructions to load (streams),
// so a read is made long only once it has gone through LONG_READ_FAMILIES families.

/** Families after which a read counts as long (a coordinator's caseload is a few dozen to a hundred). */
export const LONG_READ_FAMILIES = 256;

/** V8's default interrupt budget, per V8 version: where it is not known, the budget is left alone (putting back a wrong "default" would change the flags every cache is keyed with). */
const DEFAULT_BUDGET: Record<string, number> = { '11.3': 66 * 1024 };
const LONG_READ_FACTOR = 4;

/**
 * Raises V8's interrupt budget for the rest of a long read; the returned function puts it back
 * (also done at exit, first of the exit handlers, however the process ends). Does nothing where
 * the default is not known or the user set the budget themselves.
 */
export async function deferOptimisation(): Promise<() => void> {
  const defaultBudget = DEFAULT_BUDGET[process.versions.v8.split('.').slice(0, 2).join('.')];
  const chosen = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) => arg.includes('interrupt-budget'));
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
