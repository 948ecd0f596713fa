// One step of the audit log in a line a person can check before undoing or redoing it: which
// operation(s), on what, by whom, when ("progress on g12 by hanne at 10:42", "fremskridt på g12
// af hanne kl. 10:42"). Only ids, a user name and a time: no family's data, so it may be shown
// anywhere an id may. The workbench's status line says what was saved in the same words.
import { dayText } from './dateFormat.js';
import { wallClock } from './dates.js';
import { isErased, type FamilyLogStep, type LoggedOperation } from './familyLog.js';
import type { Operation } from './operations.js';
import { entityIdOf, familyIdOf } from './operationTargets.js';
import { ownValue } from './own.js';
import { sanitizeLine } from './sanitize.js';
import type { Lang } from './vocabulary.js';

/**
 * What each operation did, for people, with `{id}` where its object goes (the goal, contact...
 * it changed, or the family it added to). Typed by the operations, so a new operation without
 * its words fails to compile.
 */
export const OPERATION_WORDS: Record<Operation['op'], Record<Lang, string>> = {
  'family.add': { da: 'ny familie {id}', en: 'new family {id}' },
  'member.add': { da: 'nyt familiemedlem i {id}', en: 'new member in {id}' },
  'goal.add': { da: 'nyt mål i {id}', en: 'new goal in {id}' },
  'goal.progress': { da: 'fremskridt på {id}', en: 'progress on {id}' },
  'goal.status': { da: 'ny status på {id}', en: 'new status of {id}' },
  'goal.update': { da: 'mål {id} ændret', en: 'goal {id} changed' },
  'meeting.add': { da: 'nyt møde i {id}', en: 'new meeting in {id}' },
  'meeting.update': { da: 'møde {id} ændret', en: 'meeting {id} changed' },
  'minutes.edit': { da: 'linje i referatet til {id} rettet', en: 'line of the minutes of {id} edited' },
  'minutes.remove': { da: 'linje i referatet til {id} slettet', en: 'line of the minutes of {id} removed' },
  'meeting.minutes': { da: 'referat til {id}', en: 'minutes of {id}' },
  'meeting.agreement': { da: 'aftale på {id}', en: 'agreement at {id}' },
  'agreement.done': { da: 'aftale {id} udført', en: 'agreement {id} done' },
  'agreement.update': { da: 'aftale {id} ændret', en: 'agreement {id} changed' },
  'agreement.remove': { da: 'aftale {id} fjernet', en: 'agreement {id} removed' },
  'contact.add': { da: 'ny henvendelse i {id}', en: 'new contact in {id}' },
  'contact.answer': { da: 'svar på {id}', en: 'answer to {id}' },
  'contact.resolve': { da: 'henvendelse {id} afklaret', en: 'contact {id} resolved' },
  'contact.cancel': { da: 'henvendelse {id} annulleret', en: 'contact {id} cancelled' },
  'intervention.add': { da: 'ny indsats i {id}', en: 'new intervention in {id}' },
  'intervention.update': { da: 'indsats {id} ændret', en: 'intervention {id} changed' },
  'intervention.end': { da: 'indsats {id} afsluttet', en: 'intervention {id} ended' },
  'intervention.approve': { da: 'indsats {id} bevilget', en: 'intervention {id} approved' },
  'intervention.reject': { da: 'indsats {id} afslået', en: 'intervention {id} rejected' },
  'family.authority': { da: 'myndighed i {id}', en: 'decision authority in {id}' },
  'family.transfer': { da: 'overdragelse af {id} ønsket', en: 'transfer of {id} asked for' },
  'transfer.accept': { da: 'overdragelse af {id} modtaget', en: 'transfer of {id} accepted' },
  'transfer.decline': { da: 'overdragelse af {id} afvist', en: 'transfer of {id} declined' },
  'observation.add': { da: 'indikator for {id}', en: 'indicator for {id}' },
  'event.add': { da: 'hændelse for {id}', en: 'case event for {id}' },
  'consent.add': { da: 'samtykke i {id}', en: 'consent in {id}' },
  'consent.revoke': { da: 'samtykke {id} tilbagekaldt', en: 'consent {id} revoked' },
  'assessment.start': { da: 'familiefaglig undersøgelse startet i {id}', en: 'family assessment started in {id}' },
  'assessment.section': { da: 'undersøgelsesafsnit for {id}', en: 'assessment section for {id}' },
  'assessment.analysis': { da: 'sags- og episodeanalyse i {id}', en: 'case-and-episode analysis in {id}' },
  'assessment.conclude': { da: 'konklusion fra TAM {id}', en: 'conclusion of TAM {id}' },
  'statusform.set': { da: 'statusskema på {id}', en: 'status form at {id}' },
  'family.import': { da: 'familie {id} importeret', en: 'family {id} imported' },
  'family.erase': { da: 'familie {id} slettet', en: 'family {id} erased' },
};

/** One operation's words with its object: "fremskridt på g12"; an operation this famcoord does not know by its name. */
export function operationText(name: string, target: string, lang: Lang): string {
  const words = ownValue(OPERATION_WORDS, name)?.[lang];
  return words === undefined ? `${name} ${target}`.trim() : words.replace('{id}', target).trim();
}

/** What an applied operation did, for the status line: "fremskridt på g12" / "progress on g12". */
export function describeOperation(operation: Operation, lang: Lang): string {
  return operationText(operation.op, entityIdOf(operation) ?? familyIdOf(operation) ?? '', lang);
}

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

/** "g1, g2, g3" or, for many, "g1, g2, g3 og 9 flere". */
function listTargets(targets: readonly string[], lang: Lang): string {
  return targets.length <= LISTED_TARGETS ? targets.join(', ') : `${targets.slice(0, LISTED_TARGETS - 2).join(', ')} ${WORDS[lang].more(targets.length - (LISTED_TARGETS - 2))}`;
}

/**
 * A logged step's operations in words, grouped by kind in the order they first appear, each
 * naming its objects: "fremskridt på g1, g2; ny henvendelse i f3" (famcoord log's WHAT).
 */
export function describeLoggedOperations(ops: readonly LoggedOperation[], lang: Lang): string {
  const targets = new Map<string, string[]>();
  for (const op of ops) {
    const target = isErased(op) ? op.familyId : (entityIdOf(op) ?? familyIdOf(op) ?? '');
    const list = targets.get(op.op) ?? [];
    if (!list.includes(target)) list.push(target);
    targets.set(op.op, list);
  }
  return [...targets].map(([name, ids]) => operationText(name, listTargets(ids, lang), lang)).join('; ');
}

/**
 * "progress on g12 by hanne at 10:42", or for a batch "batch of 12 operations on f3, f7 by
 * hanne at 10:42"; a step from another day names the date too ("on 24 Nov"). The time is the
 * wall clock in `timeZone`; the user name is sanitised (it is whatever FAMCOORD_USER said).
 */
export function describeStepSummary(summary: StepSummary, options: { timeZone: string; today: string; lang: Lang }): string {
  const words = WORDS[options.lang];
  const { targets } = summary;
  const listed = listTargets(targets, options.lang);
  const what =
    summary.operationCount === 1 ? operationText(summary.operations[0] as string, listed, options.lang) : `${words.batch(summary.operationCount)}${targets.length > 0 ? ` ${words.on} ${listed}` : ''}`;
  const clock = wallClock(summary.time, options.timeZone);
  const day = clock.date === options.today ? '' : ` ${words.date} ${dayText(clock.date, options.lang, options.today)}`;
  return `${what} ${words.by} ${sanitizeLine(summary.user)} ${words.at} ${clock.time}${day}`;
}
