// Familiens plan as a document for the family and its network: who they are, their goals in their
// own words with the progress so far, who does what by when, and the next meetings.
import { isAgreementOpen } from '../agreements.js';
import { isDecided } from '../decisions.js';
import { byDate, wallClock } from '../dates.js';
import { ASSESSMENT_WORDS, assessmentLine } from '../assessmentWords.js';
import { onePlan } from '../onePlan.js';
import { PLAN_SOURCE_LABELS, SECTOR_LABELS } from '../vocabulary.js';
import type { FamilyPlan } from '../views.js';
import type { Block, DocumentModel } from './model.js';
import { attendeeText, GOAL_STATUS_WORDS, longDate, longDateTime, MEMBER_ROLE_WORDS, meetingTypeWord, WORDS, type Lang } from './labels.js';

export interface DocumentOptions {
  lang: Lang;
  today: string;
  timeZone: string;
}

interface Task {
  who: string;
  what: string;
  /** YYYY-MM-DD, when there is a date. */
  due?: string;
  /** Ongoing, for an intervention without an end date. */
  byWhen?: string;
  /** A reply-by or due date that has passed without the contact resolved or the agreement done. */
  late?: boolean;
  from: string;
}

/**
 * What is still to be done: open agreements with their due dates (late when past), unresolved
 * cross-sector contacts with their reply-by date, and running interventions. Soonest first;
 * undated last.
 */
export function planTasks(plan: FamilyPlan, { lang, today, timeZone }: DocumentOptions): Task[] {
  const words = WORDS[lang];
  const meetingDate = (start: string) => longDate(wallClock(start, timeZone).date, lang);
  const agreements = [...plan.pastMeetings, ...plan.upcomingMeetings].flatMap((meeting) =>
    meeting.agreements
      .filter(isAgreementOpen)
      .map((a): Task => ({ who: a.who, what: a.what, ...(a.due !== undefined && { due: a.due }), ...(a.due !== undefined && a.due < today && { late: true }), from: `${meetingTypeWord(meeting.type, lang)}, ${meetingDate(meeting.start)}` })),
  );
  const contacts = plan.openContacts.map(
    (c): Task => ({
      who: [SECTOR_LABELS[c.sector][lang], c.department].filter(Boolean).join(', '),
      what: c.status === 'answered' ? `${c.subject} (${words.replyReceived})` : c.subject,
      ...(c.replyBy !== undefined && { due: c.replyBy }),
      ...(c.replyByPassed && { late: true }),
      from: `${words.contactTo} ${longDate(c.opened, lang)}`,
    }),
  );
  const interventions = plan.interventions
    .filter((iv) => isDecided(iv) && iv.from <= today && (iv.to === undefined || iv.to >= today))
    .map(
      (iv): Task => ({
        who: SECTOR_LABELS[iv.sector][lang],
        what: `${iv.kind} (${iv.memberName ?? iv.memberId})`,
        ...(iv.to !== undefined ? { due: iv.to } : { byWhen: words.ongoing }),
        from: words.intervention,
      }),
    );
  const dueKey = (t: Task) => t.due ?? '9999-12-31';
  return [...agreements, ...contacts, ...interventions].sort((a, b) => (dueKey(a) < dueKey(b) ? -1 : dueKey(a) > dueKey(b) ? 1 : 0));
}

/**
 * The one plan: the goals grouped by whom they are for (the whole family first), each with the plan
 * it comes from, who is responsible, its progress and the agreements that serve it.
 */
function goalBlocks(plan: FamilyPlan, lang: Lang, timeZone: string): Block[] {
  const words = WORDS[lang];
  const fromConclusion = new Set(plan.assessment?.conclusion?.goalIds ?? []);
  if (plan.goals.length === 0) return [{ kind: 'heading', text: words.goals }, { kind: 'note', text: words.noGoals }];
  return onePlan(plan).flatMap((group): Block[] => [
    { kind: 'heading', text: `${words.goals}: ${group.memberId === undefined ? words.wholeFamily : (group.memberName ?? group.memberId)}` },
    ...group.goals.flatMap((goal): Block[] => {
      const history = [...goal.progress].sort(byDate).reverse();
      const latest = history[0];
      const responsible = [goal.department, goal.caseworker].filter(Boolean).join(', ');
      return [
        // Numbered by the family's priority, which the grouping by member no longer shows by order.
        { kind: 'subheading', text: goal.priority === undefined ? goal.title : `${goal.priority}. ${goal.title}` },
        {
          kind: 'facts',
          facts: [
            [words.sector, SECTOR_LABELS[goal.sector][lang]],
            ...(goal.source !== undefined ? [[words.source, PLAN_SOURCE_LABELS[goal.source][lang]] as [string, string]] : []),
            ...(responsible ? [[words.responsible, responsible] as [string, string]] : []),
            ...(goal.ownWords ? [[words.ownWords, words.yes] as [string, string]] : []),
            ...(fromConclusion.has(goal.id) ? [[ASSESSMENT_WORDS[lang].fromConclusion, words.yes] as [string, string]] : []),
            [words.due, longDate(goal.due, lang)],
            [words.status, GOAL_STATUS_WORDS[goal.status][lang]],
            ...(latest ? [[words.progress, `${latest.score}/10 (${longDate(latest.date, lang)})`] as [string, string]] : []),
          ],
        },
        history.length > 0
          ? { kind: 'table', headers: [words.date, words.score, words.note], rows: history.map((p) => [longDate(p.date, lang), `${p.score}/10`, p.note]) }
          : { kind: 'note', text: words.noProgress },
        ...(goal.agreements.length > 0
          ? [
              { kind: 'subheading', text: words.servingAgreements } as Block,
              {
                kind: 'table',
                headers: [words.who, words.what, words.byWhen, words.from],
                rows: goal.agreements.map((a) => [a.who, a.what, a.due !== undefined ? longDate(a.due, lang) : '', `${meetingTypeWord(a.meetingType, lang)}, ${longDate(wallClock(a.meetingStart, timeZone).date, lang)}`]),
              } as Block,
            ]
          : []),
      ];
    }),
  ]);
}

/**
 * The plan's starting point: the conclusion of the TAM that ended the family assessment, or, while
 * the assessment runs, where it is. Nothing for a family never assessed.
 */
function assessmentBlocks(plan: FamilyPlan, lang: Lang): Block[] {
  const view = plan.assessment;
  if (!view) return [];
  const words = ASSESSMENT_WORDS[lang];
  const conclusion = view.conclusion;
  if (!conclusion) return [{ kind: 'heading', text: words.assessment }, { kind: 'facts', facts: [[words.stage, assessmentLine(view, lang, Infinity)]] }];
  return [
    { kind: 'heading', text: words.conclusion },
    { kind: 'facts', facts: [[WORDS[lang].date, longDate(conclusion.date, lang)], ...(view.started ? [[words.started, longDate(view.started, lang)] as [string, string]] : [])] },
    { kind: 'text', text: conclusion.text },
  ];
}

export function planDocument(plan: FamilyPlan, options: DocumentOptions): DocumentModel {
  const { lang, timeZone } = options;
  const words = WORDS[lang];
  const tasks = planTasks(plan, options);
  return {
    lang,
    title: `${words.planTitle}: ${plan.name}`,
    subtitle: `${words.printed} ${longDate(options.today, lang)}`,
    blocks: [
      {
        kind: 'facts',
        facts: [[words.family, `${plan.name} (${plan.id})`], ...(plan.coordinator ? [[words.coordinator, plan.coordinator] as [string, string]] : [])],
      },
      { kind: 'heading', text: words.members },
      { kind: 'table', headers: [words.name, words.role], rows: plan.members.map((m) => [m.name, MEMBER_ROLE_WORDS[m.role][lang]]) },
      ...assessmentBlocks(plan, lang),
      ...goalBlocks(plan, lang, timeZone),
      { kind: 'heading', text: words.whoDoesWhat },
      tasks.length > 0
        ? {
            kind: 'table',
            headers: [words.who, words.what, words.byWhen, words.from],
            rows: tasks.map((t) => [t.who, t.what, t.due !== undefined ? `${longDate(t.due, lang)}${t.late ? ` (${words.late})` : ''}` : (t.byWhen ?? ''), t.from]),
          }
        : { kind: 'note', text: words.nothingAgreed },
      { kind: 'heading', text: words.nextMeetings },
      plan.upcomingMeetings.length > 0
        ? {
            kind: 'table',
            headers: [words.when, words.type, words.place, words.attendees],
            rows: plan.upcomingMeetings.map((m) => [
              longDateTime(m.start, lang, timeZone),
              meetingTypeWord(m.type, lang),
              m.place,
              m.attendees.map((a) => attendeeText(a, lang)).join('; '),
            ]),
          }
        : { kind: 'note', text: words.noMeetings },
    ],
  };
}
