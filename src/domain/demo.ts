// Demo data: realistic Danish families, generated from a seed so every run and every machine gets
// the same store. Dates are relative to a chosen "today", so the demo always has meetings today,
// goals overdue and contacts waiting past their reply-by date. Names and stories are invented.
import { IdCounter } from './ids.js';
import { addDays, zonedDateTime } from './dates.js';
import { STORE_VERSION, type Agreement, type Attendee, type Consent, type Contact, type Family, type Goal, type Intervention, type Meeting, type Member, type State } from './schema.js';
import { foldKind, purposeOf } from './collisions.js';
import { untoldStories, withDemoStories, type DemoStories } from './demoAssessment.js';
import { indicatorStreams, withIndicatorHistories, type IndicatorStreams } from './demoIndicators.js';
import { Picker, seededRandom } from './random.js';
import { MEETING_TYPES, SECTORS, type PlanSource, type Sector } from './vocabulary.js';

export { seededRandom };

export interface DemoOptions {
  families: number;
  seed: number;
  /** The demo's "today", YYYY-MM-DD. */
  today: string;
  /** Meetings are placed in this time zone (Danish municipalities: Europe/Copenhagen). */
  timeZone?: string;
}

const SURNAMES = ['Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen', 'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Christiansen', 'Poulsen', 'Johansen', 'Møller', 'Mortensen', 'Karlsen', 'Frederiksen', 'Ali', 'Hussein', 'Yilmaz', 'Nguyen', 'Holm', 'Østergaard', 'Dahl', 'Bach'];
const ADULT_NAMES = { female: ['Mette', 'Louise', 'Camilla', 'Sara', 'Maria', 'Anne', 'Stine', 'Julie', 'Fatima', 'Ayse', 'Lene', 'Tina', 'Pernille', 'Heidi'], male: ['Lars', 'Michael', 'Thomas', 'Martin', 'Jesper', 'Kasper', 'Rasmus', 'Ahmed', 'Mehmet', 'Brian', 'Kenneth', 'Jonas', 'Nikolaj', 'René'] };
const CHILD_NAMES = ['Emil', 'Noah', 'William', 'Oscar', 'Lucas', 'Alfred', 'Malthe', 'Ida', 'Emma', 'Freja', 'Alma', 'Clara', 'Sofie', 'Ella', 'Karla', 'Yusuf', 'Zainab', 'Liam', 'Asta', 'Viggo'];
const COORDINATORS = ['Hanne Kjær', 'Birgitte Lund', 'Søren Vestergaard', 'Anja Friis', 'Morten Skov'];
const PROFESSIONALS: Record<Sector, Array<{ name: string; role: string; department: string }>> = {
  employment: [{ name: 'Lone Berg', role: 'jobkonsulent', department: 'Jobcenter Nord' }, { name: 'Peter Holt', role: 'virksomhedskonsulent', department: 'Jobcenteret' }],
  children: [{ name: 'Maja Winther', role: 'socialrådgiver', department: 'Børne- og Familieafdelingen' }, { name: 'Ole Brask', role: 'familiebehandler', department: 'Familiehuset' }],
  adults: [{ name: 'Karin Juhl', role: 'bostøttemedarbejder', department: 'Voksenområdet' }],
  school: [{ name: 'Jens Riis', role: 'skoleleder', department: 'Vestre Skole' }, { name: 'Dorthe Krogh', role: 'PPR-psykolog', department: 'PPR' }],
  health: [{ name: 'Susanne Bro', role: 'sundhedsplejerske', department: 'Sundhedshuset' }, { name: 'Ib Lauridsen', role: 'fysioterapeut', department: 'Genoptræningen' }],
  housing: [{ name: 'Rikke Dam', role: 'boligsocial medarbejder', department: 'Boligselskabet' }],
  finance: [{ name: 'Finn Abildgaard', role: 'økonomisk rådgiver', department: 'Borgerservice, økonomi' }],
  leisure: [{ name: 'Tove Mikkelsen', role: 'fritidsvejleder', department: 'Fritid og Kultur' }],
};
/** A text that fits children of these ages (years, both included); without ages it fits any. */
type AgedText = string | { text: string; ages: [number, number] };
const SCHOOL_AGE: [number, number] = [6, 17];
/**
 * Goals in the family's own words; {child} and {adult} are filled in. A child's goal names the ages
 * it fits (no fritidsjob at 1, no school at 2); a family goal with ages needs a child of those ages.
 */
const GOALS: Record<Sector, { family: AgedText[]; adult: string[]; child: AgedText[] }> = {
  employment: { family: ['Vi vil have en hverdag hvor begge voksne har noget at stå op til'], adult: ['{adult} vil gerne i praktik i en butik', '{adult} vil have et arbejde med faste timer', '{adult} vil tage uddannelsen som SOSU-hjælper', '{adult} vil ud af kontanthjælpen'], child: [{ text: '{child} vil have et fritidsjob', ages: [13, 17] }] },
  children: { family: ['Vi vil have faste rammer om morgenen', 'Færre konflikter derhjemme', 'Vi vil spise aftensmad sammen hver dag'], adult: ['{adult} vil have mere overskud til børnene'], child: ['{child} skal have det godt derhjemme'] },
  adults: { family: ['Vi vil have mere ro i hverdagen'], adult: ['{adult} vil have det bedre psykisk', '{adult} vil have hjælp til at strukturere hverdagen'], child: [] },
  school: { family: [{ text: 'Børnene kommer i skole hver dag', ages: SCHOOL_AGE }, { text: 'Vi vil have et godt samarbejde med dagtilbuddet', ages: [1, 5] }], adult: [], child: [{ text: '{child} kommer i skole hver dag', ages: SCHOOL_AGE }, { text: '{child} vil have det godt i klassen', ages: SCHOOL_AGE }, { text: '{child} får lektiehjælp to gange om ugen', ages: [7, 17] }, { text: '{child} skal trives i børnehaven', ages: [3, 5] }] },
  health: { family: ['Vi vil sove bedre om natten'], adult: ['{adult} vil have behandling for sin ryg', '{adult} vil have ordnet sine tænder'], child: [{ text: '{child} skal udredes for ADHD', ages: [4, 17] }, { text: '{child} vil kunne løbe en tur uden smerter', ages: [5, 17] }, { text: '{child} skal sove igennem om natten', ages: [0, 3] }] },
  housing: { family: ['Vi vil have en større lejlighed', 'Vi vil ikke sættes ud af lejligheden'], adult: [], child: [{ text: '{child} vil have sit eget værelse', ages: [6, 17] }] },
  finance: { family: ['Vi vil have styr på økonomien', 'Gælden til kommunen skal betales af'], adult: ['{adult} vil lære at lægge et budget'], child: [] },
  leisure: { family: ['Familien vil på udflugt en gang om måneden'], adult: ['{adult} vil møde andre forældre'], child: [{ text: '{child} vil gerne gå til fodbold', ages: [4, 17] }, { text: '{child} vil have en fast fritidsaktivitet', ages: [4, 17] }] },
};
/** The department plan a member's goal in each sector usually comes from; the family's own goals are `family`. */
const SECTOR_PLAN: Record<Sector, PlanSource> = {
  employment: 'jobplan',
  children: 'handleplan',
  adults: 'handleplan',
  school: 'uddannelsesplan',
  health: 'rehabiliteringsplan',
  housing: 'other',
  finance: 'other',
  leisure: 'other',
};
const CONTACT_SUBJECTS: Record<Sector, string[]> = {
  employment: ['Spørgsmål om ressourceforløb', 'Afklaring af praktikplads', 'Anmodning om mentorstøtte'],
  children: ['Status på børnefaglig undersøgelse', 'Spørgsmål om aflastning', 'Opfølgning på underretning'],
  adults: ['Henvisning til bostøtte', 'Spørgsmål om misbrugsbehandling'],
  school: ['Anmodning om PPR-vurdering', 'Fraværsopfølgning med skolen', 'Spørgsmål om specialklasse'],
  health: ['Henvisning til psykolog', 'Status på genoptræning', 'Tandbehandling: dækning af udgiften'],
  housing: ['Boligsag: ansøgning om større lejlighed', 'Restance på husleje'],
  finance: ['Afklaring af gæld til kommunen', 'Budgetrådgivning'],
  leisure: ['Fritidspas til kontingent', 'Frivillig mentor gennem foreningen'],
};
/** Interventions by sector, with what each costs a month in DKK; a child's names the ages it fits. */
const INTERVENTION_KINDS: Record<Sector, Array<{ kind: string; dkk: number; ages?: [number, number] }>> = {
  employment: [{ kind: 'virksomhedspraktik', dkk: 2000 }, { kind: 'mentorstøtte', dkk: 4500 }, { kind: 'ressourceforløb', dkk: 8000 }],
  children: [{ kind: 'socialpædagogisk støtte (SKP)', dkk: 9000 }, { kind: 'aflastning', dkk: 12_000 }, { kind: 'familiebehandling', dkk: 15_000 }],
  adults: [{ kind: 'bostøtte', dkk: 6200 }, { kind: 'aktivitets- og samværstilbud', dkk: 3500 }],
  school: [{ kind: 'lektiestøtte', dkk: 1500, ages: [7, 17] }, { kind: 'PPR-vurdering', dkk: 2500 }],
  health: [{ kind: 'genoptræning', dkk: 3000 }, { kind: 'psykologbehandling', dkk: 4000, ages: [4, 99] }, { kind: 'tandbehandling', dkk: 2500 }],
  housing: [{ kind: 'boligsocial indsats', dkk: 1800 }],
  finance: [{ kind: 'økonomisk rådgivning', dkk: 1200 }],
  leisure: [{ kind: 'fast fritidstilknytning', dkk: 400, ages: [4, 17] }, { kind: 'fritidsjob', dkk: 600, ages: [13, 17] }],
};
const PLACES = ['Rådhuset, mødelokale 2', 'Familiens hjem', 'Jobcenteret', 'Vestre Skole', 'Familiehuset', 'Sundhedshuset', 'Borgerservice, lokale 4'];
const NOTES_UP = ['Mødt op hver dag i denne uge', 'God samtale, familien er motiveret', 'Første skridt er taget', 'Det går bedre end ventet', 'Har selv ringet til skolen'];
const NOTES_DOWN = ['Svær periode, sygdom i familien', 'Aflyst to aftaler', 'Tilbagefald efter ferien', 'Konflikt med udlejer fylder meget', 'Manglende overskud'];
const NOTES_SAME = ['Status quo siden sidst', 'Holder fast i det, der virker', 'Uændret, men familien er stadig motiveret', 'Stille periode', 'Ingen ændring endnu'];
const MINUTES = [
  'Familien fortalte om de sidste uger. Vi gennemgik familiens plan punkt for punkt.',
  'Alle parter gav en kort status. Familien oplever, at hverdagen er blevet mere overskuelig.',
  'Mødet tog udgangspunkt i det, der fylder mest for familien lige nu. Der blev aftalt næste skridt.',
];
const AGREEMENT_TASKS = ['Ringer til PPR og følger op', 'Finder en praktikplads', 'Sender ansøgning om fritidspas', 'Aftaler møde med skolen', 'Undersøger muligheden for aflastning', 'Laver budget sammen med familien'];

/** The ids of a new store: each prefix counted from 1, by the one id counter (ids.ts); none is taken yet. */
class Ids {
  private readonly counter = new IdCounter();
  next(prefix: string): string {
    return this.counter.next(prefix, () => false);
  }
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function makeMembers(pick: Picker, ids: Ids, surname: string, today: string): Member[] {
  const year = Number(today.slice(0, 4));
  const adults = pick.chance(0.45) ? 1 : 2;
  const members: Member[] = [];
  for (let i = 0; i < adults; i++) {
    const first = pick.one(i === 0 ? ADULT_NAMES.female : ADULT_NAMES.male);
    members.push({ id: ids.next('p'), name: `${first} ${surname}`, role: 'adult', born: `${year - pick.int(24, 52)}-${pad2(pick.int(1, 12))}-${pad2(pick.int(1, 28))}`, observations: [], events: [] });
  }
  const children = pick.int(1, 4);
  const used = new Set<string>();
  for (let i = 0; i < children; i++) {
    let first = pick.one(CHILD_NAMES);
    while (used.has(first)) first = pick.one(CHILD_NAMES);
    used.add(first);
    members.push({ id: ids.next('p'), name: `${first} ${surname}`, role: 'child', born: `${year - pick.int(1, 17)}-${pad2(pick.int(1, 12))}-${pad2(pick.int(1, 28))}`, observations: [], events: [] });
  }
  return members;
}

function firstName(member: Member): string {
  return member.name.split(' ')[0] as string;
}

/** A member's age in whole years on `today` (an adult's or an unknown birth date: 99, fits anything). */
function yearsOld(member: Member, today: string): number {
  if (member.role === 'adult' || member.born === undefined) return 99;
  const years = Number(today.slice(0, 4)) - Number(member.born.slice(0, 4));
  return member.born.slice(5) > today.slice(5) ? years - 1 : years;
}

const fitsAge = (ages: [number, number] | undefined, age: number) => ages === undefined || (ages[0] <= age && age <= ages[1]);
const agedText = (entry: AgedText) => (typeof entry === 'string' ? { text: entry, ages: undefined } : entry);

/** A progress history that goes up and down: dated every few weeks, scores a bounded random walk. */
function makeProgress(pick: Picker, today: string): Goal['progress'] {
  const entries: Goal['progress'] = [];
  const count = pick.int(0, 6);
  let score = pick.int(1, 5);
  let date = addDays(today, -pick.int(14, 28) * count);
  for (let i = 0; i < count; i++) {
    const step = pick.chance(0.65) ? pick.int(0, 2) : -pick.int(1, 2);
    const before = score;
    score = Math.max(0, Math.min(10, score + step));
    if (date > today) break;
    // The note says what the score did: up, down or the same (one draw whichever, as before).
    entries.push({ date, score, note: pick.one(score > before ? NOTES_UP : score < before ? NOTES_DOWN : NOTES_SAME) });
    date = addDays(date, pick.int(14, 28));
  }
  return entries;
}

function makeGoals(pick: Picker, ids: Ids, members: Member[], today: string, mustBeOverdue: boolean): Goal[] {
  const goals: Goal[] = [];
  const count = pick.int(3, 6);
  for (let i = 0; i < count; i++) {
    const sector = pick.one(SECTORS);
    const texts = GOALS[sector];
    const childAges = members.filter((m) => m.role === 'child').map((m) => yearsOld(m, today));
    const candidates: Array<{ text: string; member?: Member }> = [
      ...texts.family.map(agedText).filter(({ ages }) => ages === undefined || childAges.some((age) => fitsAge(ages, age))).map(({ text }) => ({ text })),
      ...members.filter((m) => m.role === 'adult').flatMap((m) => texts.adult.map((t) => ({ text: t.replace('{adult}', firstName(m)), member: m }))),
      ...members.filter((m) => m.role === 'child').flatMap((m) => texts.child.map(agedText).filter(({ ages }) => fitsAge(ages, yearsOld(m, today))).map(({ text }) => ({ text: text.replace('{child}', firstName(m)), member: m }))),
    ];
    // A household whose members fit none of a sector's texts (say, only a baby for school) gets one
    // of the family's texts of that sector as they are, so every family has its goals. A text the
    // family already has a goal of is taken again only when the sector has no other for them.
    const fitting = candidates.length > 0 ? candidates : texts.family.map((text): { text: string; member?: Member } => ({ text: agedText(text).text }));
    const unused = fitting.filter((candidate) => !goals.some((goal) => goal.title === candidate.text));
    const chosen = pick.one(unused.length > 0 ? unused : fitting);
    const overdue = (mustBeOverdue && i === 0) || pick.chance(0.2);
    const due = overdue ? addDays(today, -pick.int(1, 75)) : addDays(today, pick.int(7, 180));
    const roll = pick.random();
    const status: Goal['status'] = overdue ? (roll < 0.85 ? 'active' : 'on-hold') : roll < 0.7 ? 'active' : roll < 0.8 ? 'proposed' : roll < 0.9 ? 'completed' : roll < 0.95 ? 'on-hold' : 'cancelled';
    // The family's own goals are in their words; a member's goal comes from the plan of the
    // department that works with them there, which is responsible for it.
    const responsible = PROFESSIONALS[sector][0] as (typeof PROFESSIONALS)[Sector][number];
    goals.push({
      id: ids.next('g'),
      title: chosen.text,
      ...(chosen.member
        ? { memberId: chosen.member.id, source: SECTOR_PLAN[sector], department: responsible.department, caseworker: responsible.name }
        : { source: 'family' as const, ownWords: true }),
      sector,
      due,
      status,
      priority: i + 1,
      progress: status === 'proposed' ? [] : makeProgress(pick, today),
    });
  }
  return goals;
}

/** A TAM (tværfagligt analysemøde) is the departments' experts among themselves: the family is not there. */
function makeAttendees(pick: Picker, family: { members: Member[]; coordinator: string }, sectors: Sector[], withFamily: boolean): Attendee[] {
  const professionals = sectors.map((s) => ({ ...pick.one(PROFESSIONALS[s]), sector: s }));
  return [
    { name: family.coordinator, role: 'familiekoordinator' },
    ...(withFamily ? family.members.filter((m) => m.role === 'adult').map((m) => ({ name: m.name, role: 'forælder' })) : []),
    ...professionals.map((p) => ({ name: p.name, sector: p.sector, role: p.role })),
  ];
}

/** How long an agreement may be past its date and still be open: a coordinator follows up the older ones. */
const STILL_OPEN_DAYS = 30;

/**
 * An agreement as followed up by today, as a coordinator's caseload has them: those not due yet
 * are open; of those past their date, about half of the last month's are still open (Today shows
 * a handful, 5–15 on 25 families), a few were dropped, and the rest were done, on their date or a
 * few days before (never before the meeting). Decided by the agreement's number, without the random source, so the rest of a
 * seed's demo stays as it was.
 */
function followedUp(agreement: { who: string; what: string; due: string }, id: string, today: string, meetingDay: string): Agreement {
  if (agreement.due >= today) return { ...agreement, id, status: 'open' };
  const n = Number(id.replace(/\D/g, ''));
  if (n % 2 === 1 && agreement.due >= addDays(today, -STILL_OPEN_DAYS)) return { ...agreement, id, status: 'open' };
  if (n % 8 === 3) return { ...agreement, id, status: 'dropped' };
  const done = addDays(agreement.due, -(n % 4));
  return { ...agreement, id, status: 'done', done: done > meetingDay ? done : agreement.due };
}

function makeMeetings(pick: Picker, ids: Ids, family: { members: Member[]; coordinator: string }, today: string, timeZone: string, meetingToday: boolean): Meeting[] {
  const meetings: Meeting[] = [];
  const count = pick.int(2, 5);
  for (let i = 0; i < count; i++) {
    const isToday = meetingToday && i === 0;
    const offset = isToday ? 0 : pick.chance(0.55) ? -pick.int(3, 120) : pick.int(1, 60);
    const date = addDays(today, offset);
    const time = `${pad2(pick.int(8, 15))}:${pick.one(['00', '15', '30', '45'])}`;
    const type = isToday && pick.chance(0.3) ? 'stormøde' : pick.one(MEETING_TYPES);
    const sectors = [...new Set([pick.one(SECTORS), pick.one(SECTORS), ...(type === 'stormøde' ? [pick.one(SECTORS), pick.one(SECTORS)] : [])])];
    const attendees = makeAttendees(pick, family, type === 'hjemmebesøg' ? sectors.slice(0, 1) : sectors, type !== 'tværfagligt-analysemøde');
    const past = offset < 0;
    const agreements: Agreement[] = past
      ? Array.from({ length: pick.int(1, 3) }, () => ({ who: pick.one(attendees).name, what: pick.one(AGREEMENT_TASKS), due: addDays(date, pick.int(7, 30)) })).map((agreement) =>
          followedUp(agreement, ids.next('a'), today, date),
        )
      : [];
    meetings.push({
      id: ids.next('m'),
      type,
      start: zonedDateTime(date, time, timeZone),
      durationMin: type === 'stormøde' ? 120 : type === 'hjemmebesøg' ? 60 : pick.one([45, 60, 90]),
      place: type === 'hjemmebesøg' ? 'Familiens hjem' : pick.one(PLACES),
      attendees,
      minutes: past ? pick.one(MINUTES) : '',
      agreements,
    });
  }
  return meetings;
}

function makeContacts(pick: Picker, ids: Ids, today: string, mustBeLate: boolean): Contact[] {
  const contacts: Contact[] = [];
  const count = pick.int(1, 4);
  for (let i = 0; i < count; i++) {
    const sector = pick.one(SECTORS);
    const late = mustBeLate && i === 0;
    const opened = addDays(today, late ? -pick.int(20, 60) : -pick.int(1, 90));
    const replyBy = late ? addDays(opened, pick.int(7, 14)) : addDays(opened, pick.int(7, 30));
    const roll = pick.random();
    const status: Contact['status'] = late ? 'open' : roll < 0.45 ? 'open' : roll < 0.6 ? 'answered' : roll < 0.93 ? 'resolved' : 'cancelled';
    const professional = pick.one(PROFESSIONALS[sector]);
    const answered = status !== 'open' && status !== 'cancelled' ? addDays(opened, pick.int(2, 20)) : undefined;
    const closedOn = status === 'resolved' || status === 'cancelled' ? addDays(opened, pick.int(5, 30)) : undefined;
    contacts.push({
      id: ids.next('c'),
      sector,
      department: professional.department,
      subject: pick.one(CONTACT_SUBJECTS[sector]),
      opened,
      ...(pick.chance(0.85) || late ? { replyBy } : {}),
      status,
      ...(answered && answered <= today && { answer: `${professional.name} har svaret og vender tilbage med en plan.`, answered }),
      ...(status === 'resolved' && { resolution: 'Afklaret med familien og den anden afdeling.' }),
      ...(closedOn && closedOn <= today && { closed: closedOn }),
    });
  }
  return contacts;
}

const CHILD_SECTORS = ['children', 'school', 'health', 'leisure'] as const;
const ADULT_SECTORS = ['employment', 'adults', 'health', 'housing', 'finance'] as const;

type KindChoice = { sector: Sector; kind: string; dkk: number };

const kindsFor = (sector: Sector, age: number): KindChoice[] => INTERVENTION_KINDS[sector].filter((k) => fitsAge(k.ages, age)).map((k) => ({ sector, ...k }));

/**
 * The drawn kind, unless the member already gets it or another kind with its purpose (a
 * collision the demo did not mean): then the first of the member's other kinds that is neither.
 * Chosen without drawing, so the rest of the demo stays as the seed makes it.
 */
function freshKind(given: readonly Intervention[], member: Member, drawn: KindChoice, sectors: readonly Sector[], age: number): KindChoice {
  const theirs = given.filter((i) => i.memberId === member.id);
  const clashes = (choice: KindChoice) =>
    theirs.some((i) => foldKind(i.kind) === foldKind(choice.kind) || (purposeOf(i.kind) !== undefined && purposeOf(i.kind) === purposeOf(choice.kind)));
  if (!clashes(drawn)) return drawn;
  const others = [drawn.sector, ...sectors.filter((s) => s !== drawn.sector)].flatMap((sector) => kindsFor(sector, age));
  return others.find((choice) => !clashes(choice)) ?? drawn;
}

/** The help an intervention of a sector usually comes from: that department's plan, which is responsible. */
function planned(choice: KindChoice): Pick<Intervention, 'sector' | 'kind' | 'source' | 'department' | 'cost'> {
  const department = (PROFESSIONALS[choice.sector][0] as (typeof PROFESSIONALS)[Sector][number]).department;
  return { sector: choice.sector, kind: choice.kind, source: SECTOR_PLAN[choice.sector], department, cost: { dkk: choice.dkk, per: 'month' } };
}

/**
 * A family's interventions, each a kind that fits the member's age, none given twice by accident.
 * `overlap`: the same help twice from one unit (same-kind); `samePurpose`: the job centre's
 * mentorstøtte beside adult services' bostøtte for the first adult (same-purpose).
 */
function makeInterventions(pick: Picker, ids: Ids, members: Member[], today: string, overlap: boolean, samePurpose: boolean): Intervention[] {
  const interventions: Intervention[] = [];
  const count = pick.int(2, 5);
  const firstAdult = members.find((m) => m.role === 'adult') as Member;
  for (let i = 0; i < count; i++) {
    const drawnMember = pick.one(members);
    const age = yearsOld(drawnMember, today);
    const sectors = (drawnMember.role === 'child' ? CHILD_SECTORS : ADULT_SECTORS).filter((sector) => kindsFor(sector, age).length > 0);
    const sector = pick.one(sectors);
    const from = addDays(today, -pick.int(10, 400));
    const ended = pick.chance(0.4);
    const drawn = pick.one(kindsFor(sector, age));
    const to = ended ? addDays(from, pick.int(30, 200)) : undefined;
    if (samePurpose && i < 2) {
      // Drawn all the same, so the families after this one are as the seed makes them.
      const deliberate = i === 0
        ? { ...planned({ sector: 'employment', kind: 'mentorstøtte', dkk: 4500 }), from: addDays(today, -150), to: addDays(today, 30) }
        : { ...planned({ sector: 'adults', kind: 'bostøtte', dkk: 6200 }), from: addDays(today, -90) };
      interventions.push({ id: ids.next('i'), memberId: firstAdult.id, ...deliberate });
      continue;
    }
    const choice = freshKind(interventions, drawnMember, drawn, sectors, age);
    interventions.push({ id: ids.next('i'), memberId: drawnMember.id, ...planned(choice), from, ...(to !== undefined && { to }) });
  }
  if (overlap && interventions[0]) {
    // The same help given twice by two units: what the holistic approach wants to catch.
    const { to: _ongoing, ...first } = interventions[0];
    interventions.push({ ...first, id: ids.next('i'), from: addDays(first.from, pick.int(1, 20)) });
  }
  return interventions;
}

/**
 * The family's consent to share information with the sectors it has contacts with. Most families
 * gave it; every fifth left one sector out and every seventh let it run out, so the demo shows
 * flagged contacts. Deterministic from the index alone, so it does not shift the other data.
 */
function makeConsents(ids: Ids, index: number, contacts: readonly Contact[], today: string): Consent[] {
  const sectors = [...new Set(contacts.map((c) => c.sector))];
  if (index % 5 === 3) sectors.pop();
  if (sectors.length === 0) return [];
  const expired = index % 7 === 4;
  return [{ id: ids.next('k'), sectors, given: addDays(today, -200 - (index % 60)), until: expired ? addDays(today, -(1 + (index % 20))) : addDays(today, 165 + (index % 200)) }];
}

/** A coordinator's caseload in the demo: DOMAIN.md's trials had a few dozen families each. */
export const DEMO_CASELOAD = 20;

/**
 * The coordinator of the family at `index`. The first 100 families share five coordinators in
 * turn (a small team, and every small demo looks as it always did); beyond that, each further
 * 20 families have a coordinator of their own, as a municipality's store would. Derived from the
 * index alone, so it draws nothing from the random stream.
 */
export function demoCoordinator(index: number): string {
  if (index < COORDINATORS.length * DEMO_CASELOAD) return COORDINATORS[index % COORDINATORS.length] as string;
  const k = Math.floor(index / DEMO_CASELOAD);
  const firstNames = [...ADULT_NAMES.female, ...ADULT_NAMES.male];
  const first = firstNames[k % firstNames.length] as string;
  const middle = SURNAMES[Math.floor(k / firstNames.length) % SURNAMES.length] as string;
  const last = SURNAMES[Math.floor(k / (firstNames.length * SURNAMES.length)) % SURNAMES.length] as string;
  // "Mette Jensen Jensen" is no one's name: the same surname twice is written once (still unique,
  // as no other k gives this first name with this surname alone).
  return middle === last ? `${first} ${last}` : `${first} ${middle} ${last}`;
}

/** The one family whose first adult gets the same help from two departments (a same-purpose collision). */
const DELIBERATE_SAME_PURPOSE = 1;

/** One demo family; `index` guarantees the first families show every kind of situation. */
function makeFamily(pick: Picker, indicators: IndicatorStreams, ids: Ids, index: number, today: string, timeZone: string, stories: DemoStories): Family {
  const surname = pick.chance(0.15) ? `${pick.one(SURNAMES)}-${pick.one(SURNAMES)}` : pick.one(SURNAMES);
  const coordinator = demoCoordinator(index);
  const id = ids.next('f');
  const members = makeMembers(pick, ids, surname, today);
  const goals = makeGoals(pick, ids, members, today, index % 3 === 0);
  const meetings = makeMeetings(pick, ids, { members, coordinator }, today, timeZone, index < 4 || pick.chance(0.12));
  const contacts = makeContacts(pick, ids, today, index % 4 === 1);
  const interventions = makeInterventions(pick, ids, members, today, index % 7 === 2, index === DELIBERATE_SAME_PURPOSE);
  const family: Family = { id, name: `Familien ${surname}`, coordinator, members: withIndicatorHistories(indicators, members, today), goals, meetings, contacts, interventions, consents: makeConsents(ids, index, contacts, today) };
  return withDemoStories(family, index, today, stories);
}

/** Families one at a time, so a very large demo never has to exist in memory twice. */
export function* generateDemoFamilies(options: DemoOptions): Generator<Family> {
  const pick = new Picker(seededRandom(options.seed));
  // Indicator histories draw from streams of their own, so adding them left the rest of a seed's
  // demo (names, goals, meetings...) exactly as it was.
  const indicators = indicatorStreams(options.seed);
  const ids = new Ids();
  const timeZone = options.timeZone ?? 'Europe/Copenhagen';
  const stories = untoldStories();
  for (let i = 0; i < options.families; i++) yield makeFamily(pick, indicators, ids, i, options.today, timeZone, stories);
}

/** A demo store's content, its families generated one at a time as they are taken. */
export function demoContent(options: DemoOptions): Omit<State, 'families'> & { families: Iterable<Family> } {
  return { version: STORE_VERSION, demo: true, families: generateDemoFamilies(options) };
}

export function generateDemo(options: DemoOptions): State {
  return { version: STORE_VERSION, demo: true, families: [...generateDemoFamilies(options)] };
}
