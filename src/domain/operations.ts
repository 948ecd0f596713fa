// The one vocabulary of changes. Every change to the data, from the TUI, a subcommand, a batch
// line or an import, is one of these named operations, validated by its schema and applied by
// `applyOperation`. The applied ("resolved") form has every default filled in (new ids, dates), so
// the audit log says exactly what happened and replaying it gives the same result.
import * as z from 'zod';
import {
  agreementStatus,
  assessmentMethod,
  caseEvent,
  entityId,
  newEntityId,
  goalStatus,
  isoDate,
  isoDateTime,
  meetingType,
  memberRole,
  nonEmptyText,
  CostSchema,
  OBSERVATION_VALUES,
  PLAN_ORIGIN_FIELDS,
  observationKind,
  FamilySchema,
  score,
  sectionStatus,
  sector,
  statusFormStatus,
  text,
} from './schema.js';
import { givesAnyOf } from './fieldRules.js';
import { quickParseOperation } from './quickOperation.js';

const memberInput = z.strictObject({
  id: newEntityId.optional(),
  name: nonEmptyText('name', 200),
  role: memberRole,
  born: isoDate.optional(),
});

const attendeeInput = z.strictObject({
  name: nonEmptyText('attendee name', 200),
  sector: sector.optional(),
  role: text('role', 200).optional(),
});

/** An intervention's place in the one plan and its cost: optional when it is added or updated. */
const INTERVENTION_DETAILS = { ...PLAN_ORIGIN_FIELDS, cost: CostSchema.optional(), payer: sector.optional() };

const op = <Name extends string, Shape extends z.ZodRawShape>(name: Name, shape: Shape) =>
  z.strictObject({ op: z.literal(name), ...shape });

/** Marks the issue of an update that names nothing to change, so the CLI can list its own flags. */
export const NOTHING_TO_CHANGE = 'nothingToChange';

/**
 * An update: every field besides the op and its target's id is optional, and at least one must be
 * given, or the step would change nothing. The message lists the fields from the schema itself.
 */
function update<Schema extends z.ZodObject>(target: string, schema: Schema) {
  return schema.refine(...someOf(Object.keys(schema.shape).filter((key) => key !== 'op' && key !== target)));
}

/** A line of a meeting's minutes, counted from 1 as `famcoord minutes` and the workbench show them. */
const minutesLine = {
  meetingId: entityId,
  line: z.number({ error: 'must be a line number, 1 = the first line' }).int({ error: 'must be a line number, 1 = the first line' }).min(1, { error: 'must be a line number, 1 = the first line' }),
  /** The line as the editor last saw it: the change is refused if another window changed it since. */
  was: text('was', 200_000).optional(),
};

/** A goal as `goal.add` takes it, without its family: the goals a TAM's conclusion starts the plan with. */
const goalInput = z.strictObject({
  id: newEntityId.optional(),
  title: nonEmptyText('title', 500),
  memberId: entityId.optional(),
  sector,
  due: isoDate,
  priority: z.number().int({ error: 'must be a whole number, 1 = most important' }).min(1).optional(),
  ...PLAN_ORIGIN_FIELDS,
  ownWords: z.boolean().optional(),
});

/** Refuses an operation that gives none of `fields`: it would change nothing. */
const someOf = (fields: readonly string[]) =>
  [
    givesAnyOf(fields),
    { error: `nothing to change: give ${fields.slice(0, -1).join(', ')} or ${fields.at(-1)}`, params: { [NOTHING_TO_CHANGE]: fields } },
  ] as const;

/** How to build each operation's schema (see OPERATION_SCHEMAS). */
const OPERATION_SCHEMA_BUILDERS = {
  'family.add': () => op('family.add', {
    id: newEntityId.optional(),
    name: nonEmptyText('name', 200),
    coordinator: text('coordinator', 200).optional(),
    members: z.array(memberInput).default([]),
  }),
  'member.add': () => op('member.add', { familyId: entityId, ...memberInput.shape }),
  'goal.add': () => op('goal.add', {
    familyId: entityId,
    id: newEntityId.optional(),
    title: nonEmptyText('title', 500),
    memberId: entityId.optional(),
    sector,
    due: isoDate,
    status: goalStatus.default('active'),
    priority: z.number().int({ error: 'must be a whole number, 1 = most important' }).min(1).optional(),
    ...PLAN_ORIGIN_FIELDS,
    ownWords: z.boolean().optional(),
  }),
  'goal.progress': () => op('goal.progress', {
    goalId: entityId,
    score,
    note: text('note').default(''),
    date: isoDate.optional(),
    status: goalStatus.optional(),
  }),
  'goal.status': () => op('goal.status', { goalId: entityId, status: goalStatus }),
  'goal.update': () => update('goalId', op('goal.update', {
    goalId: entityId,
    title: nonEmptyText('title', 500).optional(),
    due: isoDate.optional(),
    sector: sector.optional(),
    priority: z.number().int().min(1).optional(),
    /** Whose goal it is; null makes it the whole family's. */
    memberId: entityId.nullable().optional(),
    status: goalStatus.optional(),
    ...PLAN_ORIGIN_FIELDS,
    ownWords: z.boolean().optional(),
  })),
  'meeting.add': () => op('meeting.add', {
    familyId: entityId,
    id: newEntityId.optional(),
    type: meetingType,
    start: isoDateTime,
    durationMin: z.number({ error: 'must be minutes, e.g. 60' }).int().min(1).max(24 * 60).default(60),
    place: text('place', 500).default(''),
    attendees: z.array(attendeeInput).default([]),
  }),
  /** A meeting's type, time, length, place or attendees (the list given replaces the list there). */
  'meeting.update': () => update('meetingId', op('meeting.update', {
    meetingId: entityId,
    type: meetingType.optional(),
    start: isoDateTime.optional(),
    durationMin: z.number({ error: 'must be minutes, e.g. 60' }).int().min(1).max(24 * 60).optional(),
    place: text('place', 500).optional(),
    attendees: z.array(attendeeInput).optional(),
  })),
  /** Replaces one line of the minutes (text with line breaks becomes several lines). */
  'minutes.edit': () => op('minutes.edit', { ...minutesLine, text: nonEmptyText('text', 200_000) }),
  'minutes.remove': () => op('minutes.remove', minutesLine),
  'meeting.minutes': () => op('meeting.minutes', {
    meetingId: entityId,
    /** Empty only to clear the minutes: an empty line appended would change nothing. */
    minutes: text('minutes', 200_000),
    /** Append to the minutes so far instead of replacing them (live minutes). */
    append: z.boolean().default(false),
  }).refine((input) => !input.append || input.minutes.trim().length > 0, { path: ['minutes'], error: 'must not be empty (minutes)' }),
  'meeting.agreement': () => op('meeting.agreement', {
    meetingId: entityId,
    id: newEntityId.optional(),
    who: nonEmptyText('who', 200),
    what: nonEmptyText('what', 2_000),
    due: isoDate.optional(),
    /** The goal of the meeting's family that this agreement serves. */
    goalId: entityId.optional(),
  }),
  /** An agreement done, on `date` (default: today). */
  'agreement.done': () => op('agreement.done', { agreementId: entityId, date: isoDate.optional() }),
  /** Who, what, by when, or its status: `dropped` when it is no longer to be done. */
  'agreement.update': () => update('agreementId', op('agreement.update', {
    agreementId: entityId,
    who: nonEmptyText('who', 200).optional(),
    what: nonEmptyText('what', 2_000).optional(),
    due: isoDate.optional(),
    status: agreementStatus.optional(),
    /** The day it was done, with status done (default: today, or the day it has). */
    date: isoDate.optional(),
  })),
  /** Takes out an agreement recorded by mistake (one no longer to be done is dropped instead). */
  'agreement.remove': () => op('agreement.remove', { agreementId: entityId }),
  'contact.add': () => op('contact.add', {
    familyId: entityId,
    id: newEntityId.optional(),
    sector,
    department: text('department', 200).optional(),
    subject: nonEmptyText('subject', 1_000),
    opened: isoDate.optional(),
    replyBy: isoDate.optional(),
  }),
  'contact.answer': () => op('contact.answer', {
    contactId: entityId,
    answer: nonEmptyText('answer'),
    date: isoDate.optional(),
  }),
  'contact.resolve': () => op('contact.resolve', {
    contactId: entityId,
    resolution: nonEmptyText('resolution'),
    date: isoDate.optional(),
  }),
  'contact.cancel': () => op('contact.cancel', {
    contactId: entityId,
    reason: text('reason').default(''),
    date: isoDate.optional(),
  }),
  'intervention.add': () => op('intervention.add', {
    familyId: entityId,
    id: newEntityId.optional(),
    memberId: entityId,
    sector,
    kind: nonEmptyText('kind', 200),
    from: isoDate,
    to: isoDate.optional(),
    ...INTERVENTION_DETAILS,
  }),
  /** Where an existing intervention comes from in the one plan, what it costs and who pays. */
  'intervention.update': () => update('interventionId', op('intervention.update', { interventionId: entityId, kind: nonEmptyText('kind', 200).optional(), ...INTERVENTION_DETAILS })),
  'intervention.end': () => op('intervention.end', { interventionId: entityId, to: isoDate }),
  /** The holder of the decision authority approves a proposed intervention (src/domain/decisions.ts). */
  'intervention.approve': () => op('intervention.approve', { interventionId: entityId, reason: text('reason').optional(), date: isoDate.optional() }),
  'intervention.reject': () => op('intervention.reject', { interventionId: entityId, reason: nonEmptyText('reason'), date: isoDate.optional() }),
  /** Who holds the decision authority for a sector; null gives it back to the coordinator. */
  'family.authority': () => op('family.authority', { familyId: entityId, sector, holder: nonEmptyText('holder', 200).nullable() }),
  /** Asks for the family to move to another coordinator's caseload (src/domain/transfers.ts). */
  'family.transfer': () => op('family.transfer', { familyId: entityId, to: nonEmptyText('to', 200), note: text('note').optional(), date: isoDate.optional() }),
  'transfer.accept': () => op('transfer.accept', { familyId: entityId }),
  'transfer.decline': () => op('transfer.decline', { familyId: entityId, reason: text('reason').optional() }),
  'observation.add': () => op('observation.add', {
    memberId: entityId,
    date: isoDate.optional(),
    kind: observationKind,
    /** Checked against the kind below: a status word for employment and severity, yes/no (true/false) for leisureActivity and leisureJob, else a number. */
    value: z.union([z.string(), z.number(), z.boolean()], {
      error: (issue) => `${issue.input === undefined ? 'is required:' : 'must be'} a word, a number or yes/no, as the kind takes`,
    }),
  }).superRefine((input, ctx) => {
    const result = OBSERVATION_VALUES[input.kind].safeParse(input.value);
    if (!result.success)
      ctx.addIssue({ code: 'custom', path: ['value'], message: `${result.error.issues[0]?.message ?? 'is not valid'} for ${input.kind}` });
  }),
  'event.add': () => op('event.add', { memberId: entityId, date: isoDate.optional(), kind: caseEvent }),
  'consent.add': () => op('consent.add', {
    familyId: entityId,
    id: newEntityId.optional(),
    sectors: z.array(sector).min(1, { error: 'must name at least one sector' }),
    given: isoDate.optional(),
    until: isoDate,
  }),
  'consent.revoke': () => op('consent.revoke', { consentId: entityId, date: isoDate.optional() }),
  /** The family assessment (familiefaglig undersøgelse) begins on `date` (default: today). */
  'assessment.start': () => op('assessment.start', { familyId: entityId, date: isoDate.optional() }),
  /** One member's section of the assessment (VUM, ICS, job plan, rehabilitation team's form): its status and summary. */
  'assessment.section': () => op('assessment.section', {
    familyId: entityId,
    memberId: entityId,
    method: assessmentMethod,
    status: sectionStatus.optional(),
    /** Empty text takes the summary away. */
    summary: text('summary', 5_000).optional(),
    date: isoDate.optional(),
  }).refine(...someOf(['status', 'summary'])),
  /** The case-and-episode analysis (sags- og episodeanalyse) that sets the direction. */
  'assessment.analysis': () => op('assessment.analysis', { familyId: entityId, summary: nonEmptyText('summary', 10_000), date: isoDate.optional() }),
  /** The TAM's conclusion, which starts the family's plan; the goals given are added to the plan with it. */
  'assessment.conclude': () => op('assessment.conclude', {
    familyId: entityId,
    meetingId: entityId,
    conclusion: nonEmptyText('conclusion', 10_000),
    date: isoDate.optional(),
    goals: z.array(goalInput).default([]),
  }),
  /** One goal's row of an FFS's status form: the family's view, departments' views, the agreed status. */
  'statusform.set': () => op('statusform.set', {
    meetingId: entityId,
    goalId: entityId,
    /** Empty text takes the family's view away. */
    familyView: text('family view', 5_000).optional(),
    /** Replace each sector's view; an empty view takes it away. */
    views: z.array(z.strictObject({ sector, view: text('view', 5_000) })).optional(),
    agreedStatus: statusFormStatus.optional(),
    agreed: text('agreed', 5_000).optional(),
  }).refine(...someOf(['familyView', 'views', 'agreedStatus', 'agreed'])),
  /** A whole family from an export (famcoord import): added, or with `replace` put in place of ours. */
  'family.import': () => op('family.import', { family: FamilySchema, replace: z.boolean().default(false) }),
  /**
   * Takes a family out of the store. `famcoord erase` applies it through the store's `erase`, which
   * also scrubs the family from the audit log and backups; on its own (a batch line) it is an
   * ordinary removal that undo can take back.
   */
  'family.erase': () => op('family.erase', { familyId: entityId }),
} as const;

type OperationSchemas = { readonly [Name in keyof typeof OPERATION_SCHEMA_BUILDERS]: ReturnType<(typeof OPERATION_SCHEMA_BUILDERS)[Name]> };
export type OperationName = keyof OperationSchemas;
export const OPERATION_NAMES = Object.keys(OPERATION_SCHEMA_BUILDERS) as OperationName[];

/**
 * Each operation's schema, built the first time it is asked for: a command checks one kind or a
 * few, and building all of them cost a one-line change (`goal progress`) ~3 % of its start.
 */
export const OPERATION_SCHEMAS = {} as OperationSchemas;
for (const name of OPERATION_NAMES)
  Object.defineProperty(OPERATION_SCHEMAS, name, {
    enumerable: true,
    configurable: true,
    get() {
      const schema = OPERATION_SCHEMA_BUILDERS[name]();
      Object.defineProperty(OPERATION_SCHEMAS, name, { value: schema, enumerable: true });
      return schema;
    },
  });

/** Every operation's schema in one, picked by `op`: built only to say what `op` may be (see safeParseOperation). */
let operationUnion: ReturnType<typeof buildOperationUnion> | undefined;
const buildOperationUnion = () =>
  z.discriminatedUnion('op', Object.values(OPERATION_SCHEMAS) as [OperationSchemas[OperationName], ...OperationSchemas[OperationName][]], {
    error: (issue) => (issue.code === 'invalid_union' ? `must be one of: ${OPERATION_NAMES.join(', ')}` : undefined),
  });

/**
 * Checks an operation with the schema of the operation it names, as a union of them all picked by
 * `op` would; an input naming no known operation is refused by that union, which says what `op`
 * may be. (The union builds a map of every operation's fields the first time it parses.)
 */
export function safeParseOperation(input: unknown): z.ZodSafeParseResult<Operation> {
  const name = typeof input === 'object' && input !== null ? (input as { op?: unknown }).op : undefined;
  if (typeof name !== 'string' || !Object.hasOwn(OPERATION_SCHEMAS, name)) return (operationUnion ??= buildOperationUnion()).safeParse(input) as z.ZodSafeParseResult<Operation>;
  // What zod's parse gives, found quicker where the line is valid (a batch's thousand lines);
  // zod's own parse for any other, with its messages.
  const quick = quickParseOperation(input);
  if (quick) return { success: true, data: quick };
  return OPERATION_SCHEMAS[name as OperationName].safeParse(input) as z.ZodSafeParseResult<Operation>;
}

/** The operation schema as callers use it: `parse` throws the ZodError that `safeParse` returns. */
export const OperationSchema = {
  safeParse: safeParseOperation,
  parse(input: unknown): Operation {
    const result = safeParseOperation(input);
    if (!result.success) throw result.error;
    return result.data;
  },
};

/** An operation as built from flags or form fields: its fields are checked by OperationSchema. */
export type RawOperation = { op: OperationName } & Record<string, unknown>;

/** What callers write (defaults may be left out). */
export type OperationInput = z.input<OperationSchemas[OperationName]>;
/** A validated operation with its defaults. */
export type Operation = z.output<OperationSchemas[OperationName]>;
export type OperationOf<Name extends OperationName> = Extract<Operation, { op: Name }>;

// Applying operations needs no zod (applyOperation.ts); importing it from here, as before, is for callers that check operations too.
export { applyOperation, type ApplyContext } from './applyOperation.js';
