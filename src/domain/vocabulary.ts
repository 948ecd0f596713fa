// The fixed vocabularies of the domain (DOMAIN.md) with their Danish and English labels.
// Stored values are stable codes; labels are for people. Aliases let users type what they know.
import { ownValue } from './own.js';

export type Lang = 'da' | 'en';

/** A vocabulary's labels: what each stored code is called in Danish and in English. */
export type Labels<Code extends string> = Record<Code, Record<Lang, string>>;

export const SECTORS = [
  'employment',
  'children',
  'adults',
  'school',
  'health',
  'housing',
  'finance',
  'leisure',
] as const;
export type Sector = (typeof SECTORS)[number];

export const SECTOR_LABELS: Labels<Sector> = {
  employment: { da: 'Beskæftigelse', en: 'Employment' },
  children: { da: 'Børn og familie', en: 'Children and family' },
  adults: { da: 'Voksen', en: 'Adult social services' },
  school: { da: 'Skole/PPR', en: 'School/PPR' },
  health: { da: 'Sundhed', en: 'Health' },
  housing: { da: 'Bolig', en: 'Housing' },
  finance: { da: 'Økonomi', en: 'Finance/debt' },
  leisure: { da: 'Fritid', en: 'Leisure' },
};

export const MEETING_TYPES = [
  'netværksmøde',
  'stormøde',
  'flerfagligt-statusmøde',
  'tværfagligt-analysemøde',
  'opfølgning',
  'hjemmebesøg',
] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

export const MEETING_TYPE_LABELS: Labels<MeetingType> = {
  netværksmøde: { da: 'Netværksmøde', en: 'Network meeting' },
  stormøde: { da: 'Stormøde', en: 'Big meeting (stormøde)' },
  'flerfagligt-statusmøde': { da: 'Flerfagligt statusmøde', en: 'Multidisciplinary status meeting' },
  'tværfagligt-analysemøde': { da: 'Tværfagligt analysemøde', en: 'Cross-disciplinary analysis meeting' },
  opfølgning: { da: 'Opfølgning', en: 'Follow-up' },
  hjemmebesøg: { da: 'Hjemmebesøg', en: 'Home visit' },
};

/**
 * A meeting type as the store may spell it: famcoord writes ids (`flerfagligt-statusmøde`), the
 * foundation's store contract wrote them as Danish does ("flerfagligt statusmøde"). Both are read
 * as the id; anything else is left for validation to refuse.
 */
export function storedMeetingType(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const id = value.trim().replace(/\s+/g, '-');
  return (MEETING_TYPES as readonly string[]).includes(id) ? id : value;
}

export const GOAL_STATUSES = ['proposed', 'active', 'on-hold', 'completed', 'cancelled'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export const GOAL_STATUS_LABELS: Labels<GoalStatus> = {
  proposed: { da: 'foreslået', en: 'proposed' },
  active: { da: 'i gang', en: 'active' },
  'on-hold': { da: 'sat på pause', en: 'on hold' },
  completed: { da: 'nået', en: 'completed' },
  cancelled: { da: 'opgivet', en: 'cancelled' },
};

export const CONTACT_STATUSES = ['open', 'answered', 'resolved', 'cancelled'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

export const CONTACT_STATUS_LABELS: Labels<ContactStatus> = {
  open: { da: 'åben', en: 'open' },
  answered: { da: 'besvaret', en: 'answered' },
  resolved: { da: 'afklaret', en: 'resolved' },
  cancelled: { da: 'annulleret', en: 'cancelled' },
};

/** An agreement made at a meeting is followed up until it is done or dropped (no longer to be done). */
export const AGREEMENT_STATUSES = ['open', 'done', 'dropped'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const AGREEMENT_STATUS_LABELS: Labels<AgreementStatus> = {
  open: { da: 'åben', en: 'open' },
  done: { da: 'udført', en: 'done' },
  dropped: { da: 'opgivet', en: 'dropped' },
};

export const MEMBER_ROLES = ['adult', 'child'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const MEMBER_ROLE_LABELS: Labels<MemberRole> = {
  adult: { da: 'voksen', en: 'adult' },
  child: { da: 'barn', en: 'child' },
};

/** Folds Danish letters and case so that "netvaerksmoede", "Netværksmøde" and "netvarksmode" match. */
function fold(text: string): string {
  return text
    .toLowerCase()
    .trim()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[\s_]+/g, '-');
}

const MEETING_ALIASES: Record<string, MeetingType> = {
  ffs: 'flerfagligt-statusmøde',
  tam: 'tværfagligt-analysemøde',
  netvaerk: 'netværksmøde',
  network: 'netværksmøde',
  'follow-up': 'opfølgning',
  'home-visit': 'hjemmebesøg',
};

const SECTOR_ALIASES: Record<string, Sector> = {
  beskaeftigelse: 'employment',
  jobcenter: 'employment',
  job: 'employment',
  boern: 'children',
  'boern-og-familie': 'children',
  familie: 'children',
  voksen: 'adults',
  skole: 'school',
  ppr: 'school',
  sundhed: 'health',
  bolig: 'housing',
  oekonomi: 'finance',
  gaeld: 'finance',
  debt: 'finance',
  fritid: 'leisure',
};

function resolveWithAliases<T extends string>(
  input: string,
  values: readonly T[],
  aliases: Record<string, T>,
  labels?: Labels<T>,
): T | undefined {
  const folded = fold(input);
  for (const value of values) {
    if (fold(value) === folded) return value;
    if (labels && (fold(labels[value].da) === folded || fold(labels[value].en) === folded)) return value;
  }
  // Tolerate "netvarksmode"-style typing without the Danish letters.
  const loose = (s: string) => s.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/aa/g, 'a');
  for (const value of values) if (loose(fold(value)) === loose(folded)) return value;
  return ownValue(aliases, folded);
}

/** A meeting type from what a user typed (Danish, ASCII transliteration, FFS/TAM), or undefined. */
export function parseMeetingType(input: string): MeetingType | undefined {
  return resolveWithAliases(input, MEETING_TYPES, MEETING_ALIASES, MEETING_TYPE_LABELS);
}

/** A sector from what a user typed (code, Danish or English name), or undefined. */
export function parseSector(input: string): Sector | undefined {
  return resolveWithAliases(input, SECTORS, SECTOR_ALIASES, SECTOR_LABELS);
}

// The evaluations' indicators (DOMAIN.md, "What is measured"). Stored codes, stable in the store.

/** What an observation of a member records; the values each kind takes are in schema.ts. */
export const OBSERVATION_KINDS = [
  'employment',
  'qualityOfLife',
  'wellbeing',
  'functionalLevel',
  'severity',
  'absenceDays',
  'leisureActivity',
  'friendships',
  'leisureJob',
  'caseHandling',
] as const;
export type ObservationKind = (typeof OBSERVATION_KINDS)[number];

export const OBSERVATION_KIND_LABELS: Labels<ObservationKind> = {
  employment: { da: 'Beskæftigelse', en: 'Employment' },
  qualityOfLife: { da: 'Livskvalitet', en: 'Quality of life' },
  wellbeing: { da: 'Trivsel', en: 'Well-being' },
  functionalLevel: { da: 'Funktionsniveau', en: 'Functional level' },
  severity: { da: 'Problemernes omfang', en: 'Severity of problems' },
  absenceDays: { da: 'Fraværsdage', en: 'Absence days' },
  leisureActivity: { da: 'Fast fritidstilknytning', en: 'Steady leisure activity' },
  friendships: { da: 'Venskaber', en: 'Friendships' },
  leisureJob: { da: 'Fritidsjob', en: 'Leisure job' },
  caseHandling: { da: 'Oplevelse af sagsgangen', en: 'Rating of case handling' },
};

/** The kinds recorded as yes or no: a child has a steady leisure activity, a young person a leisure job. */
export const YES_NO_OBSERVATION_KINDS: ReadonlySet<ObservationKind> = new Set(['leisureActivity', 'leisureJob']);

/** Adults' employment status, as the STAR trial counted it. `education` is education with SU. */
export const EMPLOYMENT_STATUSES = ['cash-benefit', 'resource-course', 'internship', 'education', 'job', 'other'] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];

export const EMPLOYMENT_STATUS_LABELS: Labels<EmploymentStatus> = {
  'cash-benefit': { da: 'Kontanthjælp', en: 'Cash benefit' },
  'resource-course': { da: 'Ressourceforløb', en: 'Resource course' },
  internship: { da: 'Virksomhedspraktik', en: 'Internship' },
  education: { da: 'Uddannelse med SU', en: 'Education with SU' },
  job: { da: 'Ordinært job', en: 'Ordinary job' },
  other: { da: 'Andet', en: 'Other' },
};

/** Severity of a child's problems: none, some, or severe or extensive ("svære eller omfattende"). */
export const SEVERITIES = ['none', 'some', 'severe'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS: Labels<Severity> = {
  none: { da: 'Ingen', en: 'None' },
  some: { da: 'Nogle', en: 'Some' },
  severe: { da: 'Svære eller omfattende', en: 'Severe or extensive' },
};

/**
 * Things that happen in a case, counted rather than measured: the first six in a child's case
 * (`returned-home`: hjemgivelse after a placement; `stepped-down`: from placement or relief care to
 * a less intrusive, preventive measure), and a complaint (klagesag), recorded on whoever made it
 * and counted per family.
 */
export const CHILD_CASE_EVENTS = ['investigation', 'notification', 'placement', 'closed-doing-well', 'returned-home', 'stepped-down'] as const;
export type ChildCaseEvent = (typeof CHILD_CASE_EVENTS)[number];
export const CASE_EVENTS = [...CHILD_CASE_EVENTS, 'complaint'] as const;
export type CaseEvent = (typeof CASE_EVENTS)[number];

export const CASE_EVENT_LABELS: Labels<CaseEvent> = {
  investigation: { da: 'Børnefaglig undersøgelse', en: 'Child-protection investigation' },
  notification: { da: 'Underretning', en: 'Notification of concern' },
  placement: { da: 'Anbringelse', en: 'Placement' },
  'closed-doing-well': { da: 'Sag lukket, barnet trives', en: 'Case closed, child doing well' },
  'returned-home': { da: 'Hjemgivelse', en: 'Returned home' },
  'stepped-down': { da: 'Fra anbringelse til mindre indgribende foranstaltning', en: 'Stepped down from placement to preventive support' },
  complaint: { da: 'Klagesag', en: 'Complaint' },
};

const OBSERVATION_KIND_ALIASES: Record<string, ObservationKind> = {
  'quality-of-life': 'qualityOfLife',
  quality: 'qualityOfLife',
  'well-being': 'wellbeing',
  'functional-level': 'functionalLevel',
  functional: 'functionalLevel',
  absence: 'absenceDays',
  'absence-days': 'absenceDays',
  fravaer: 'absenceDays',
  beskaeftigelse: 'employment',
  leisure: 'leisureActivity',
  'leisure-activity': 'leisureActivity',
  fritid: 'leisureActivity',
  fritidstilknytning: 'leisureActivity',
  venner: 'friendships',
  'leisure-job': 'leisureJob',
  'case-handling': 'caseHandling',
  sagsgang: 'caseHandling',
  sagsgangen: 'caseHandling',
};
const EMPLOYMENT_ALIASES: Record<string, EmploymentStatus> = {
  cash: 'cash-benefit',
  praktik: 'internship',
  su: 'education',
  uddannelse: 'education',
  arbejde: 'job',
};
const SEVERITY_ALIASES: Record<string, Severity> = {
  extensive: 'severe',
  svaer: 'severe',
  svaere: 'severe',
  omfattende: 'severe',
};
const CASE_EVENT_ALIASES: Record<string, CaseEvent> = {
  undersoegelse: 'investigation',
  closed: 'closed-doing-well',
  lukket: 'closed-doing-well',
  hjemgivet: 'returned-home',
  returned: 'returned-home',
  'step-down': 'stepped-down',
  nedtrapning: 'stepped-down',
  klage: 'complaint',
};
const YES_NO: Record<string, boolean> = { yes: true, ja: true, true: true, no: false, nej: false, false: false };

/** Yes or no as typed (yes/no, ja/nej, true/false), or undefined. */
export function parseYesNo(input: string): boolean | undefined {
  return ownValue(YES_NO, fold(input));
}

/** An observation kind from what a user typed (qualityOfLife, quality-of-life, livskvalitet...). */
export function parseObservationKind(input: string): ObservationKind | undefined {
  return resolveWithAliases(input, OBSERVATION_KINDS, OBSERVATION_KIND_ALIASES, OBSERVATION_KIND_LABELS);
}

/** An employment status from its code, its Danish or English name (kontanthjælp, su, praktik...). */
export function parseEmploymentStatus(input: string): EmploymentStatus | undefined {
  return resolveWithAliases(input, EMPLOYMENT_STATUSES, EMPLOYMENT_ALIASES, EMPLOYMENT_STATUS_LABELS);
}

export function parseSeverity(input: string): Severity | undefined {
  return resolveWithAliases(input, SEVERITIES, SEVERITY_ALIASES, SEVERITY_LABELS);
}

export function parseCaseEvent(input: string): CaseEvent | undefined {
  return resolveWithAliases(input, CASE_EVENTS, CASE_EVENT_ALIASES, CASE_EVENT_LABELS);
}

/**
 * The plan a goal or an intervention comes from (DOMAIN.md, "One plan"): the family's plan joins
 * the departments' own plans, so each item says whose plan it answers to. `family` is a goal the
 * family set themselves; `jobplan` is the job centre's plan (Min Plan).
 */
export const PLAN_SOURCES = ['family', 'handleplan', 'jobplan', 'uddannelsesplan', 'rehabiliteringsplan', 'other'] as const;
export type PlanSource = (typeof PLAN_SOURCES)[number];

export const PLAN_SOURCE_LABELS: Labels<PlanSource> = {
  family: { da: 'Familiens eget mål', en: "The family's own goal" },
  handleplan: { da: 'Handleplan', en: 'Action plan (handleplan)' },
  jobplan: { da: 'Jobplan (Min Plan)', en: 'Job plan (Min Plan)' },
  uddannelsesplan: { da: 'Uddannelsesplan', en: 'Education plan' },
  rehabiliteringsplan: { da: 'Rehabiliteringsplan', en: 'Rehabilitation plan' },
  other: { da: 'Anden plan', en: 'Other plan' },
};

const PLAN_SOURCE_ALIASES: Record<string, PlanSource> = {
  familie: 'family',
  own: 'family',
  egen: 'family',
  'min-plan': 'jobplan',
  minplan: 'jobplan',
  'job-plan': 'jobplan',
  'action-plan': 'handleplan',
  'education-plan': 'uddannelsesplan',
  'rehabilitation-plan': 'rehabiliteringsplan',
  andet: 'other',
};

export function parsePlanSource(input: string): PlanSource | undefined {
  return resolveWithAliases(input, PLAN_SOURCES, PLAN_SOURCE_ALIASES, PLAN_SOURCE_LABELS);
}

/** Where an intervention proposed without the decision authority stands (src/domain/decisions.ts). */
export const DECISION_STATUSES = ['proposed', 'approved', 'rejected'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
export const DECISION_STATUS_LABELS: Labels<DecisionStatus> = {
  proposed: { da: 'Indstillet', en: 'Proposed' },
  approved: { da: 'Bevilget', en: 'Approved' },
  rejected: { da: 'Afslået', en: 'Rejected' },
};

/** An intervention's cost is a monthly rate or one sum for its whole period. */
export const COST_PERIODS = ['month', 'total'] as const;
export type CostPeriod = (typeof COST_PERIODS)[number];

/**
 * The parts of the family assessment (familiefaglig undersøgelse, DOMAIN.md "The family
 * assessment"): the adult assessment method (VUM), the children's (ICS), the job plan (Min Plan)
 * and the rehabilitation team's preparatory form, each a section for one member.
 */
export const ASSESSMENT_METHODS = ['vum', 'ics', 'jobplan', 'rehab-form'] as const;
export type AssessmentMethod = (typeof ASSESSMENT_METHODS)[number];

export const ASSESSMENT_METHOD_LABELS: Labels<AssessmentMethod> = {
  vum: { da: 'VUM (voksenudredning)', en: 'VUM (adult assessment)' },
  ics: { da: 'ICS (børneudredning)', en: 'ICS (child assessment)' },
  jobplan: { da: 'Jobplan (Min Plan)', en: 'Job plan (Min Plan)' },
  'rehab-form': { da: 'Rehabiliteringsteamets skema', en: "Rehabilitation team's form" },
};

const ASSESSMENT_METHOD_ALIASES: Record<string, AssessmentMethod> = {
  'min-plan': 'jobplan',
  minplan: 'jobplan',
  'job-plan': 'jobplan',
  rehab: 'rehab-form',
  rehabilitering: 'rehab-form',
  rehabiliteringsteam: 'rehab-form',
};

export function parseAssessmentMethod(input: string): AssessmentMethod | undefined {
  return resolveWithAliases(input, ASSESSMENT_METHODS, ASSESSMENT_METHOD_ALIASES, ASSESSMENT_METHOD_LABELS);
}

/** How far one section of the assessment has come. */
export const SECTION_STATUSES = ['not-started', 'in-progress', 'done'] as const;
export type SectionStatus = (typeof SECTION_STATUSES)[number];

export const SECTION_STATUS_LABELS: Labels<SectionStatus> = {
  'not-started': { da: 'ikke startet', en: 'not started' },
  'in-progress': { da: 'i gang', en: 'in progress' },
  done: { da: 'færdig', en: 'done' },
};

const SECTION_STATUS_ALIASES: Record<string, SectionStatus> = {
  ny: 'not-started',
  todo: 'not-started',
  started: 'in-progress',
  igang: 'in-progress',
  faerdig: 'done',
  finished: 'done',
};

export function parseSectionStatus(input: string): SectionStatus | undefined {
  return resolveWithAliases(input, SECTION_STATUSES, SECTION_STATUS_ALIASES, SECTION_STATUS_LABELS);
}

/** Where the family is in the assessment, from its start to the TAM whose conclusion starts the plan. */
export const ASSESSMENT_STAGES = ['not-started', 'sections', 'analysis', 'tam', 'concluded'] as const;
export type AssessmentStage = (typeof ASSESSMENT_STAGES)[number];

export const ASSESSMENT_STAGE_LABELS: Labels<AssessmentStage> = {
  'not-started': { da: 'ikke startet', en: 'not started' },
  sections: { da: 'udredning i gang', en: 'assessing' },
  analysis: { da: 'mangler sags- og episodeanalyse', en: 'case-and-episode analysis due' },
  tam: { da: 'venter på TAM', en: 'waiting for the TAM' },
  concluded: { da: 'TAM afholdt: planen er i gang', en: 'TAM held: the plan has started' },
};

/** The status of a goal agreed at a flerfagligt statusmøde (FFS), together with the family. */
export const STATUS_FORM_STATUSES = ['reached', 'on-track', 'unchanged', 'worse'] as const;
export type StatusFormStatus = (typeof STATUS_FORM_STATUSES)[number];

export const STATUS_FORM_STATUS_LABELS: Labels<StatusFormStatus> = {
  reached: { da: 'nået', en: 'reached' },
  'on-track': { da: 'på vej', en: 'on track' },
  unchanged: { da: 'uændret', en: 'unchanged' },
  worse: { da: 'gået tilbage', en: 'worse' },
};

const STATUS_FORM_STATUS_ALIASES: Record<string, StatusFormStatus> = {
  naaet: 'reached',
  'paa-vej': 'on-track',
  ontrack: 'on-track',
  uaendret: 'unchanged',
  tilbage: 'worse',
  'gaaet-tilbage': 'worse',
};

export function parseStatusFormStatus(input: string): StatusFormStatus | undefined {
  return resolveWithAliases(input, STATUS_FORM_STATUSES, STATUS_FORM_STATUS_ALIASES, STATUS_FORM_STATUS_LABELS);
}

/**
 * Every vocabulary's labels, for whatever must see them all: the test that no English word is
 * left in the Danish workbench builds its list of words from these.
 */
export const VOCABULARY_LABELS = {
  sector: SECTOR_LABELS,
  meetingType: MEETING_TYPE_LABELS,
  goalStatus: GOAL_STATUS_LABELS,
  contactStatus: CONTACT_STATUS_LABELS,
  memberRole: MEMBER_ROLE_LABELS,
  observationKind: OBSERVATION_KIND_LABELS,
  employmentStatus: EMPLOYMENT_STATUS_LABELS,
  severity: SEVERITY_LABELS,
  caseEvent: CASE_EVENT_LABELS,
  planSource: PLAN_SOURCE_LABELS,
  agreementStatus: AGREEMENT_STATUS_LABELS,
  decisionStatus: DECISION_STATUS_LABELS,
  assessmentMethod: ASSESSMENT_METHOD_LABELS,
  sectionStatus: SECTION_STATUS_LABELS,
  assessmentStage: ASSESSMENT_STAGE_LABELS,
  statusFormStatus: STATUS_FORM_STATUS_LABELS,
} as const satisfies Record<string, Labels<string>>;

/** A code's label in a language; a code the table does not know (an older store's) is shown as it is. */
export function labelOf<Code extends string>(labels: Labels<Code>, code: Code, lang: Lang): string {
  return ownValue<Record<Lang, string>>(labels, code)?.[lang] ?? code;
}
