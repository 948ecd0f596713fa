// The demo's family assessments and FFS status forms (README, "From assessment to plan"): among
// the first families, one assessment in each stage (sections under way, waiting for the TAM, and
// concluded at a TAM the family already had), and one FFS with its status form filled in. Added
// to families as generated, drawing nothing from the random stream and taking no new ids, so the
// rest of a seed's demo (names, ids, dates) stays as it was.
import { expectedSections } from './assessment.js';
import { addDays, daysBetween } from './dates.js';
import type { AssessmentSection, Family, Meeting, Member, StatusFormRow } from './schema.js';
import type { AssessmentMethod, Sector, StatusFormStatus } from './vocabulary.js';

/** Which of the stories have been told so far, over the families in order. */
export interface DemoStories {
  assessing: boolean;
  waitingForTam: boolean;
  concluded: boolean;
  statusForm: boolean;
}

export const untoldStories = (): DemoStories => ({ assessing: false, waitingForTam: false, concluded: false, statusForm: false });

/** Only the first families tell stories: a coordinator meets them on the first screens. */
const STORY_FAMILIES = 12;

const isChildUnder = (member: Member, years: number, today: string) => member.role === 'child' && member.born !== undefined && member.born > `${Number(today.slice(0, 4)) - years}${today.slice(4)}`;

/** A section's summary as a caseworker would write it; a child's fits their age. */
function summaryOf(method: AssessmentMethod, member: Member, today: string, variant: number): string {
  const name = member.name.split(' ')[0] ?? member.name;
  switch (method) {
    case 'vum':
      return `${name} ønsker at komme tættere på arbejdsmarkedet; søvn og økonomi fylder meget i hverdagen.`;
    case 'jobplan':
      return `Min Plan: ${name} vil prøve en virksomhedspraktik med mentorstøtte.`;
    case 'rehab-form':
      return `Forberedende skema til rehabiliteringsteamet udfyldt sammen med ${name}.`;
    case 'ics': {
      const texts = isChildUnder(member, 6, today) ? SMALL_CHILD_TEXTS : SCHOOL_CHILD_TEXTS;
      return `${name} ${texts[variant % texts.length] as string}`;
    }
  }
}

const SMALL_CHILD_TEXTS = ['trives i dagtilbuddet og udvikler sig alderssvarende; søvnen er urolig.', 'er tryg ved de voksne i dagplejen, men sproget halter lidt efter.'];
const SCHOOL_CHILD_TEXTS = ['er glad for klassen, men har højt fravær om mandagen.', 'har få venner og trækker sig i frikvartererne.', 'klarer sig fagligt, men er bekymret for mor og far.'];

/** The sections the family needs, the first `done` of them done and the rest in progress, changed on days spread from `started` to `end`. */
function sections(family: Family, started: string, end: string, done: number, today: string): AssessmentSection[] {
  const expected = expectedSections(family);
  const span = daysBetween(started, end);
  return expected.map(({ memberId, method }, i) => {
    const member = family.members.find((m) => m.id === memberId) as Member;
    return { memberId, method, status: i < done ? 'done' : 'in-progress', summary: summaryOf(method, member, today, i), updated: addDays(started, Math.round(((i + 1) * span) / (expected.length + 1))) };
  });
}

const meetingDay = (meeting: Meeting) => meeting.start.slice(0, 10);
const past = (meeting: Meeting, today: string) => meetingDay(meeting) < today;

/** A status agreed for a goal from its latest score. */
function agreedStatusOf(score: number | undefined): StatusFormStatus {
  if (score === undefined) return 'unchanged';
  return score >= 8 ? 'reached' : score >= 5 ? 'on-track' : score >= 3 ? 'unchanged' : 'worse';
}

const DEPARTMENT_VIEWS: Record<Sector, string> = {
  employment: 'Jobcenteret ser god motivation; praktikken kan begynde inden for en måned.',
  children: 'Familiebehandlingen virker; morgenrutinerne er blevet bedre.',
  adults: 'Bostøtten hjælper med overblik over post og regninger.',
  school: 'Fraværet er faldet, og samarbejdet med hjemmet er godt.',
  health: 'Sundhedsplejen oplever en mere rolig hverdag.',
  housing: 'Boligsocial medarbejder har hjulpet med naboklagen.',
  finance: 'Gældsrådgivningen har lavet en afdragsordning.',
  leisure: 'Foreningen har fundet en fast plads på holdet.',
};

const FAMILY_VIEWS = ['Det går bedre, men mandagene er stadig svære.', 'Vi kan mærke forskel; vi vil gerne fortsætte.', 'Det går langsomt, men vi er på vej.'];

/** The family with its part of the demo's stories, if it has one to tell. */
export function withDemoStories(family: Family, index: number, today: string, told: DemoStories): Family {
  if (index < 2 || index >= STORY_FAMILIES) return family;
  const next = { ...family };
  const pastTam = family.meetings.find((m) => m.type === 'tværfagligt-analysemøde' && past(m, today) && meetingDay(m) >= addDays(today, -90));
  const pastFfs = family.meetings.find((m) => m.type === 'flerfagligt-statusmøde' && past(m, today));
  if (!told.concluded && pastTam && family.goals.length > 0) {
    told.concluded = true;
    const tamDay = meetingDay(pastTam);
    const started = addDays(tamDay, -49);
    next.assessment = {
      started,
      sections: sections(family, started, addDays(tamDay, -6), Infinity, today),
      analysis: { summary: 'Sags- og episodeanalysen viser, at de svære perioder følger hinanden: når morgenerne glipper, stiger fraværet, og økonomien strammer til.', date: addDays(tamDay, -6) },
      conclusion: {
        meetingId: pastTam.id,
        text: 'Én plan for hele familien: ro på morgenerne først, derefter praktik for de voksne. Familiebehandling og skole følger op sammen.',
        date: tamDay,
        goalIds: family.goals.slice(0, 2).map((g) => g.id),
      },
    };
  } else if (!told.waitingForTam) {
    told.waitingForTam = true;
    const started = addDays(today, -40);
    next.assessment = {
      started,
      sections: sections(family, started, addDays(today, -5), Infinity, today),
      analysis: { summary: 'Analysen peger på, at familiens netværk er tyndt, og at hjælpen fra de tre afdelinger ikke hænger sammen.', date: addDays(today, -5) },
    };
  } else if (!told.assessing) {
    told.assessing = true;
    const started = addDays(today, -21);
    // The first section done, the others under way.
    next.assessment = { started, sections: sections(family, started, today, 1, today) };
  }
  if (!told.statusForm && pastFfs && family.goals.length > 0) {
    told.statusForm = true;
    const present = new Set(pastFfs.attendees.flatMap((a) => (a.sector ? [a.sector] : [])));
    const form: StatusFormRow[] = family.goals.slice(0, 2).map((goal, i) => ({
      goalId: goal.id,
      familyView: FAMILY_VIEWS[i % FAMILY_VIEWS.length] as string,
      // The goal's own department speaks first, then one other department at the meeting.
      views: [...new Set([goal.sector, ...present])].slice(0, 2).map((sector) => ({ sector, view: DEPARTMENT_VIEWS[sector] })),
      agreedStatus: agreedStatusOf(goal.progress.filter((p) => p.date <= meetingDay(pastFfs)).at(-1)?.score),
      agreed: 'Aftalt i fællesskab på mødet; følges op på næste statusmøde.',
    }));
    next.meetings = family.meetings.map((m) => (m === pastFfs ? { ...m, statusForm: form } : m));
  }
  return next;
}
