// One step of the audit log in a line a person can check before undoing or redoing it: which
// operation(s), on what, by whom, when ("goal.progress on g12 by hanne at 10:42"). Only ids, a
// user name and a time: no family's data, so it may be shown anywhere an id may.
import { wallClock } from './dates.js';
import { isErased, type FamilyLogStep } from './familyLog.js';
import { entityIdOf, familyIdOf } from './operationTargets.js';
import { sanitizeLine } from './sanitize.js';

export interface StepSummary {
  step: number;
  user: string;
  /** When the step was logged (an ISO instant). */
  time: string;
  /** The operations' names, each once, in the order they first appear. */
  operations: string[];
  operationCount: number;
  /** What it changed: the object of a single operation (g12), else the families it touched. */
  targets: string[];
}

export function stepSummary(step: FamilyLogStep): StepSummary {
  const [only] = step.ops;
  const single = step.ops.length === 1 && only !== undefined ? (isErased(only) ? only.familyId : (entityIdOf(only) ?? familyIdOf(only))) : undefined;
  return {
    step: step.step,
    user: step.user,
    time: step.time,
    operations: [...new Set(step.ops.map((op) => op.op))],
    operationCount: step.ops.length,
    targets: single === undefined ? step.familyIds : [single],
  };
}

const WORDS = {
  en: { on: 'on', by: 'by', at: 'at', date: 'on', batch: (n: number) => `batch of ${n} operations`, more: (n: number) => `and ${n} more` },
  da: { on: 'på', by: 'af', at: 'kl.', date: 'den', batch: (n: number) => `batch med ${n} operationer`, more: (n: number) => `og ${n} flere` },
};

const LISTED_TARGETS = 5;

/**
 * "goal.progress on g12 by hanne at 10:42", or for a batch "batch of 12 operations on f3, f7 by
 * hanne at 10:42"; a step from another day names the date too. The time is the wall clock in
 * `timeZone`; the user name is sanitised (it is whatever FAMCOORD_USER said).
 */
export function describeStepSummary(summary: StepSummary, options: { timeZone: string; today: string; lang: 'da' | 'en' }): string {
  const words = WORDS[options.lang];
  const what = summary.operationCount === 1 ? (summary.operations[0] as string) : words.batch(summary.operationCount);
  const { targets } = summary;
  const listed = targets.length <= LISTED_TARGETS ? targets.join(', ') : `${targets.slice(0, LISTED_TARGETS - 2).join(', ')} ${words.more(targets.length - (LISTED_TARGETS - 2))}`;
  const on = targets.length > 0 ? ` ${words.on} ${listed}` : '';
  const clock = wallClock(summary.time, options.timeZone);
  const day = clock.date === options.today ? '' : ` ${words.date} ${clock.date}`;
  return `${what}${on} ${words.by} ${sanitizeLine(summary.user)} ${words.at} ${clock.time}${day}`;
}
