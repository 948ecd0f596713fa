// The store contract. Field names are read by people and scripts (README, "The store format"), so
// they change only with the store's version. Objects are "loose": fields we do not know are kept on
// a round trip, so a script's additions survive famcoord's writes.
import './zodSetup.js';
import * as z from 'zod';
import { isIsoDate, isIsoDateTimeWithOffset } from './dates.js';
import { notBlank } from './fieldRules.js';
import { NOT_OVERLONG_NUMBER, OVERLONG_NUMBER_MESSAGE } from './ids.js';
import {
  AGREEMENT_STATUSES,
  ASSESSMENT_METHODS,
  CASE_EVENTS,
  CONTACT_STATUSES,
  DECISION_STATUSES,
  COST_PERIODS,
  EMPLOYMENT_STATUSES,
  GOAL_STATUSES,
  MEETING_TYPES,
  MEMBER_ROLES,
  OBSERVATION_KINDS,
  PLAN_SOURCES,
  SECTION_STATUSES,
  SECTORS,
  SEVERITIES,
  STATUS_FORM_STATUSES,
  storedMeetingType,
  type ObservationKind,
} from './vocabulary.js';

export const STORE_VERSION = 1;

// Messages are shown to users after the field or flag name, so they say what to type instead and
// never echo the value (which may be personal data). A missing value says so first.
const expecting = (what: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? `is required: ${what}` : `must be ${what}`;
export const isoDate = z
  .string({ error: expecting('a date as YYYY-MM-DD, e.g. 2026-11-24') })
  .refine(isIsoDate, { error: 'must be a real date as YYYY-MM-DD, e.g. 2026-11-24' });
export const isoDateTime = z
  .string({ error: expecting('a date and time with offset, e.g. 2026-11-24T09:00+01:00') })
  .refine(isIsoDateTimeWithOffset, {
    error: 'must be a date and time with offset, e.g. 2026-11-24T09:00+01:00',
  });
export const entityId = z
  .string({ error: expecting('an id such as g12') })
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, { error: 'must be an id of letters, digits, - _ or . (e.g. g12)' });
/**
 * The id of a new object, given in an operation (`--id`, a batch line's "id") or brought in by an
 * import: an id whose letters are followed by more digits than a numbered id has (ids.ts) is
 * refused there. Ids already in a store are read with `entityId`, as they were written.
 */
export const newEntityId = entityId.regex(NOT_OVERLONG_NUMBER, { error: OVERLONG_NUMBER_MESSAGE });
export const text = (what: string, max = 10_000) =>
  z.string({ error: expecting(`text (${what})`) }).max(max, { error: `is too long (at most ${max} characters)` });
export const nonEmptyText = (what: string, max = 10_000) =>
  text(what, max).refine(notBlank, { error: `must not be empty (${what})` });

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: expecting(`one of: ${values.join(', ')}`) });

export const sector = choice(SECTORS);
export const meetingType = choice(MEETING_TYPES);
export const goalStatus = choice(GOAL_STATUSES);
export const contactStatus = choice(CONTACT_STATUSES);
export const memberRole = choice(MEMBER_ROLES);
export const agreementStatus = choice(AGREEMENT_STATUSES);
const wholeNumber = (min: number, max: number) => {
  const what = `a whole number from ${min} to ${max}`;
  return z
    .number({ error: expecting(what) })
    .int({ error: `must be ${what}` })
    .min(min, { error: `must be ${what}` })
    .max(max, { error: `must be ${what}` });
};
export const score = wholeNumber(0, 10);
const yesNo = z.boolean({ error: expecting('yes or no (true or false)') });
export const planSource = choice(PLAN_SOURCES);
export const assessmentMethod = choice(ASSESSMENT_METHODS);
export const sectionStatus = choice(SECTION_STATUSES);
export const statusFormStatus = choice(STATUS_FORM_STATUSES);

/**
 * Where a goal or an intervention comes from in the one plan (README, "The family's one plan"):
 * the department plan it answers to and who there is responsible. All optional: older stores
 * have none of them.
 */
export const PLAN_ORIGIN_FIELDS = {
  source: planSource.optional(),
  department: text('department', 200).optional(),
  caseworker: text('caseworker', 200).optional(),
};

/** What an intervention costs in whole DKK: a monthly rate, or one sum for its whole period. */
export const CostSchema = z.looseObject({
  dkk: wholeNumber(0, 100_000_000),
  per: choice(COST_PERIODS),
});

/**
 * The evaluations' indicators (DOMAIN.md, "What is measured"): what each kind of observation
 * holds. `absenceDays` counts the days absent in the period that ends on the observation's date.
 */
export const OBSERVATION_VALUES = {
  employment: choice(EMPLOYMENT_STATUSES),
  qualityOfLife: score,
  wellbeing: score,
  /** 1 to 5, higher is better, as assessed by professionals. */
  functionalLevel: wholeNumber(1, 5),
  severity: choice(SEVERITIES),
  absenceDays: wholeNumber(0, 366),
  leisureActivity: yesNo,
  /** The child's own rating of their friendships, 0–10. */
  friendships: score,
  leisureJob: yesNo,
  /** The family's own rating of how their case was handled: 1 (very poor) to 5 (very good). */
  caseHandling: wholeNumber(1, 5),
} as const satisfies Record<ObservationKind, z.ZodType>;
export const observationKind = choice(OBSERVATION_KINDS);

const observation = <Kind extends ObservationKind>(kind: Kind) =>
  z.looseObject({ date: isoDate, kind: z.literal(kind), value: OBSERVATION_VALUES[kind] });

export const ObservationSchema = z.discriminatedUnion(
  'kind',
  [
    observation('employment'),
    observation('qualityOfLife'),
    observation('wellbeing'),
    observation('functionalLevel'),
    observation('severity'),
    observation('absenceDays'),
    observation('leisureActivity'),
    observation('friendships'),
    observation('leisureJob'),
    observation('caseHandling'),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? `kind must be one of: ${OBSERVATION_KINDS.join(', ')}` : undefined) },
);

export const caseEvent = choice(CASE_EVENTS);
/** Something that happened in a child's case on a day: counted, not measured. */
export const CaseEventSchema = z.looseObject({ date: isoDate, kind: caseEvent });

export const MemberSchema = z.looseObject({
  id: entityId,
  name: nonEmptyText('name', 200),
  role: memberRole,
  born: isoDate.optional(),
  observations: z.array(ObservationSchema).default([]),
  events: z.array(CaseEventSchema).default([]),
});

export const ProgressEntrySchema = z.looseObject({
  date: isoDate,
  score,
  note: text('note').default(''),
});

export const GoalSchema = z.looseObject({
  id: entityId,
  title: nonEmptyText('title', 500),
  memberId: entityId.optional(),
  sector,
  due: isoDate,
  status: goalStatus,
  /** The family's own priority: 1 is what matters most to them. */
  priority: z.number().int().min(1).optional(),
  progress: z.array(ProgressEntrySchema).default([]),
  ...PLAN_ORIGIN_FIELDS,
  /** The goal is written in the family's own words (not a department's wording). */
  ownWords: z.boolean().optional(),
});

export const AttendeeSchema = z.looseObject({
  name: nonEmptyText('attendee name', 200),
  sector: sector.optional(),
  role: text('role', 200).optional(),
});

/**
 * Who does what by when, agreed at a meeting. `id` and `status` are absent in stores written before
 * agreements were followed up: such an agreement is open, and its id is derived from its place
 * (see `agreementId` in agreements.ts). Neither is filled in on read, so reading writes nothing.
 */
export const AgreementSchema = z.looseObject({
  id: entityId.optional(),
  who: nonEmptyText('who', 200),
  what: nonEmptyText('what', 2_000),
  due: isoDate.optional(),
  status: agreementStatus.optional(),
  /** The day it was done, while its status is done. */
  done: isoDate.optional(),
  /** The goal in the family's plan this agreement serves. */
  goalId: entityId.optional(),
});

/**
 * One goal on a flerfagligt statusmøde's status form, filled in together during the meeting: the
 * family's view, each department's view and the status they agreed (README, "From assessment to
 * plan").
 */
export const StatusFormRowSchema = z.looseObject({
  goalId: entityId,
  familyView: text('family view', 5_000).optional(),
  views: z.array(z.looseObject({ sector, view: nonEmptyText('view', 5_000) })).default([]),
  agreedStatus: statusFormStatus.optional(),
  /** The agreed status in words. */
  agreed: text('agreed', 5_000).optional(),
});

export const MeetingSchema = z.looseObject({
  id: entityId,
  // Read in either spelling the store contract allows, kept as famcoord's own id.
  type: z.preprocess(storedMeetingType, meetingType),
  start: isoDateTime,
  durationMin: z.number().int().min(1).max(24 * 60),
  place: text('place', 500).default(''),
  attendees: z.array(AttendeeSchema).default([]),
  minutes: text('minutes', 200_000).default(''),
  agreements: z.array(AgreementSchema).default([]),
  /** An FFS's status form, one row per goal; absent in older stores and on other meetings. */
  statusForm: z.array(StatusFormRowSchema).optional(),
});

export const ContactSchema = z.looseObject({
  id: entityId,
  sector,
  department: text('department', 200).optional(),
  subject: nonEmptyText('subject', 1_000),
  opened: isoDate,
  replyBy: isoDate.optional(),
  status: contactStatus,
  answer: text('answer').optional(),
  answered: isoDate.optional(),
  resolution: text('resolution').optional(),
  closed: isoDate.optional(),
});

/**
 * The decision on an intervention added by someone without the decision authority (myndighed)
 * for its sector (src/domain/decisions.ts). Absent: decided when it was added, as before.
 */
export const DecisionSchema = z.looseObject({
  status: choice(DECISION_STATUSES),
  proposedBy: text('proposed by', 200).optional(),
  /** Who approved or rejected it, on which day, and why. */
  by: text('by', 200).optional(),
  on: isoDate.optional(),
  reason: text('reason').optional(),
});

export const InterventionSchema = z.looseObject({
  id: entityId,
  memberId: entityId,
  sector,
  kind: nonEmptyText('kind', 200),
  from: isoDate,
  to: isoDate.optional(),
  ...PLAN_ORIGIN_FIELDS,
  cost: CostSchema.optional(),
  /** The sector whose budget pays; when absent, the sector that provides the intervention. */
  payer: sector.optional(),
  decision: DecisionSchema.optional(),
});

/** The family's consent (samtykke) to share information with these sectors, from `given` to `until`. */
export const ConsentSchema = z.looseObject({
  id: entityId,
  sectors: z.array(sector).min(1, { error: 'must name at least one sector' }),
  given: isoDate,
  until: isoDate,
  revoked: isoDate.optional(),
});

/** A person holding the decision authority (myndighed) for a sector, named as `coordinator` names people. */
export const AuthoritySchema = z.looseObject({ sector, holder: nonEmptyText('holder', 200) });

/** A pending caseload transfer: the family stays with its coordinator until `to` accepts it. */
export const TransferSchema = z.looseObject({
  to: nonEmptyText('to', 200),
  from: text('from', 200).optional(),
  askedBy: text('asked by', 200),
  asked: isoDate,
  note: text('note').optional(),
});

/**
 * The family assessment (familiefaglig undersøgelse): a section per member and method, the case-and-
 * episode analysis, and the conclusion of the TAM that starts the family's plan. The rules of its
 * stages are in assessment.ts. Absent in older stores and for families not assessed.
 */
export const AssessmentSectionSchema = z.looseObject({
  memberId: entityId,
  method: assessmentMethod,
  status: sectionStatus,
  summary: text('summary', 5_000).optional(),
  /** The day the section last changed. */
  updated: isoDate.optional(),
});

export const AssessmentSchema = z.looseObject({
  started: isoDate,
  sections: z.array(AssessmentSectionSchema).default([]),
  /** The case-and-episode analysis (sags- og episodeanalyse) that sets the direction. */
  analysis: z.looseObject({ summary: nonEmptyText('analysis', 10_000), date: isoDate }).optional(),
  /** The TAM's conclusion: the family plan's starting point, and the goals made from it. */
  conclusion: z
    .looseObject({ meetingId: entityId, text: nonEmptyText('conclusion', 10_000), date: isoDate, goalIds: z.array(entityId).default([]) })
    .optional(),
});

export const FamilySchema = z.looseObject({
  id: entityId,
  name: nonEmptyText('name', 200),
  coordinator: text('coordinator', 200).optional(),
  members: z.array(MemberSchema).default([]),
  goals: z.array(GoalSchema).default([]),
  meetings: z.array(MeetingSchema).default([]),
  contacts: z.array(ContactSchema).default([]),
  interventions: z.array(InterventionSchema).default([]),
  consents: z.array(ConsentSchema).default([]),
  /** Who holds the decision authority for a sector other than the coordinator (src/domain/decisions.ts). */
  authority: z.array(AuthoritySchema).optional(),
  /** A caseload transfer asked for and not yet accepted (src/domain/transfers.ts). */
  transfer: TransferSchema.optional(),
  assessment: AssessmentSchema.optional(),
});

export const StateSchema = z.looseObject({
  version: z.literal(STORE_VERSION, { error: `must be ${STORE_VERSION}` }),
  families: z.array(FamilySchema),
});

export type Member = z.infer<typeof MemberSchema>;
export type Observation = z.infer<typeof ObservationSchema>;
export type ObservationValue<Kind extends ObservationKind> = z.infer<(typeof OBSERVATION_VALUES)[Kind]>;
export type CaseEventEntry = z.infer<typeof CaseEventSchema>;
export type ProgressEntry = z.infer<typeof ProgressEntrySchema>;
export type Goal = z.infer<typeof GoalSchema>;
export type Attendee = z.infer<typeof AttendeeSchema>;
export type Agreement = z.infer<typeof AgreementSchema>;
export type Meeting = z.infer<typeof MeetingSchema>;
export type Contact = z.infer<typeof ContactSchema>;
export type Intervention = z.infer<typeof InterventionSchema>;
export type Consent = z.infer<typeof ConsentSchema>;
export type Decision = z.infer<typeof DecisionSchema>;
export type Authority = z.infer<typeof AuthoritySchema>;
export type Transfer = z.infer<typeof TransferSchema>;
export type StatusFormRow = z.infer<typeof StatusFormRowSchema>;
export type AssessmentSection = z.infer<typeof AssessmentSectionSchema>;
export type Assessment = z.infer<typeof AssessmentSchema>;
export type Family = z.infer<typeof FamilySchema>;
export type State = z.infer<typeof StateSchema>;

export function emptyState(): State {
  return { version: STORE_VERSION, families: [] };
}
