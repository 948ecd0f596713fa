// Today's lists sorted by keys (src/domain/keyedSort.ts) come out exactly as the comparators sort them.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { compareDanish, primaryKey } from '../../src/domain/collate.js';
import { nameRanks, sortByKeys } from '../../src/domain/keyedSort.js';
import { generateDemo } from '../../src/domain/demo.js';
import { openContactOrder, compareDueAgreements, compareOpenContacts, compareOverdueGoals, compareTodayMeetings, todayView, type OpenContact, type OverdueGoal, type TodayMeeting } from '../../src/domain/views.js';

// Names that tie at ICU's primary level, need ICU (é, ü, "aå"), or are plain.
const name = fc.constantFrom('Familien Holm', 'familien holm', 'Familien Aagaard', 'Familien Ågaard', 'Familien Müller', 'Familien Lindé', 'Familien Østergaard', 'Familien Æbelø', 'Familien Baå', 'g2', 'g10', 'Familien Zink');
const id = fc.constantFrom('g1', 'g2', 'g10', 'c1', 'c7', 'a1', 'm1.1', 'm1.2');

it('ranks names as compareDanish orders them, equal names sharing a rank', () => {
  fc.assert(
    fc.property(fc.array(name, { maxLength: 12 }), (names) => {
      const ranks = nameRanks(names, compareDanish, primaryKey);
      for (const a of names) for (const b of names) expect(Math.sign((ranks.get(a) as number) - (ranks.get(b) as number))).toBe(Math.sign(compareDanish(a, b)));
    }),
  );
});

it('sorts overdue goals, open contacts and meetings exactly as their comparators do (stable), falling back to them where keys would not be exact', () => {
  const goal = fc.record({ id, familyName: name, daysOverdue: fc.integer({ min: -3, max: 3 }) });
  const contact = fc.record({
    id,
    familyName: name,
    replyByPassed: fc.boolean(),
    replyByDaysLeft: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
    daysWaiting: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(200_000)),
  });
  const meeting = fc.record({ id, familyName: name, start: fc.constantFrom('2026-11-24T09:00:00+01:00', '2026-11-24T10:00+01:00', '2026-11-24T08:00:00.000Z') });
  const same = <T extends { familyName: string }>(rows: T[], order: (row: T) => number, compare: (a: T, b: T) => number) => {
    const ranks = nameRanks(rows.map((row) => row.familyName), compareDanish, primaryKey);
    const keyed = [...rows];
    sortByKeys(keyed, order, ranks, compare);
    expect(keyed).toEqual([...rows].sort(compare));
    // the same objects, each once
    expect(new Set(keyed).size).toBe(rows.length);
  };
  fc.assert(fc.property(fc.array(goal, { maxLength: 40 }), (rows) => same(rows as OverdueGoal[], (g) => -g.daysOverdue, compareOverdueGoals)));
  fc.assert(fc.property(fc.array(contact, { maxLength: 40 }), (rows) => same(rows as OpenContact[], openContactOrder, compareOpenContacts)));
  fc.assert(fc.property(fc.array(meeting, { maxLength: 40 }), (rows) => same(rows as TodayMeeting[], (m) => Date.parse(m.start), compareTodayMeetings)));
});

it("a whole store's Today (its lists long enough to be sorted by keys) is in its comparators' order", () => {
  const demo = generateDemo({ families: 400, seed: 7, today: '2026-11-24' });
  const view = todayView(demo, '2026-11-24', 'Europe/Copenhagen');
  expect(view.meetings.length + view.overdueGoals.length + view.openContacts.length + view.agreements.length).toBeGreaterThan(1_000);
  expect(view.overdueGoals).toEqual([...view.overdueGoals].reverse().sort(compareOverdueGoals));
  expect(view.openContacts).toEqual([...view.openContacts].reverse().sort(compareOpenContacts));
  expect(view.contactsDueSoon).toEqual([...view.contactsDueSoon].reverse().sort(compareOpenContacts));
  expect(view.agreements).toEqual([...view.agreements].reverse().sort(compareDueAgreements));
  expect(view.meetings).toEqual([...view.meetings].sort(compareTodayMeetings)); // stable: equal meetings keep their order
});
