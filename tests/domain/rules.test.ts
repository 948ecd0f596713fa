import { describe, expect, it } from 'vitest';
import { daysOverdue, daysWaiting, hasConsentFor, isConsentValid, isReplyByPassed, meetingsOn, overlappingInterventions } from '../../src/domain/rules.js';
import { todayView } from '../../src/domain/views.js';
import { contact, family, goal, intervention, meeting, state } from '../helpers/fixtures.js';

const CPH = 'Europe/Copenhagen';

describe("today's meetings", () => {
  it('takes meetings whose start falls on today in the local time zone, sorted by time', () => {
    const meetings = [
      meeting('m1', '2026-11-24T13:00:00+01:00'),
      meeting('m2', '2026-11-24T08:30:00+01:00'),
      meeting('m3', '2026-11-25T08:30:00+01:00'),
      meeting('m4', '2026-11-23T12:00:00+01:00'),
    ];
    expect(meetingsOn(meetings, '2026-11-24', CPH).map((m) => [m.meeting.id, m.local.time])).toEqual([
      ['m2', '08:30'],
      ['m1', '13:00'],
    ]);
  });

  it('judges midnight by the local date, not by UTC or by the offset written in the store', () => {
    const meetings = [
      meeting('late-utc', '2026-11-23T23:30:00Z'), // 00:30 on the 24th in Copenhagen
      meeting('midnight', '2026-11-24T00:00:00+01:00'),
      meeting('last-minute', '2026-11-24T23:59:00+01:00'),
      meeting('next-day', '2026-11-24T23:00:00Z'), // 00:00 on the 25th in Copenhagen
      meeting('other-zone', '2026-11-24T18:00:00-05:00'), // 00:00 on the 25th in Copenhagen
    ];
    // 'midnight' (23:00Z on the 23rd) starts before 'late-utc' (23:30Z).
    expect(meetingsOn(meetings, '2026-11-24', CPH).map((m) => m.meeting.id)).toEqual(['midnight', 'late-utc', 'last-minute']);
    expect(meetingsOn(meetings, '2026-11-24', 'UTC').map((m) => m.meeting.id)).toEqual(['last-minute', 'next-day', 'other-zone']);
  });

  it('finds a meeting written with an offset a whole day away from the local zone', () => {
    // meetingsOn skips starts outside a window of UTC instants before converting; the widest
    // offsets (+14:00 against -12:00) are still a day apart.
    const meetings = [meeting('kiritimati', '2026-11-25T10:00:00+14:00'), meeting('far', '2026-11-27T10:00:00+14:00')];
    expect(meetingsOn(meetings, '2026-11-24', 'Etc/GMT+12').map((m) => [m.meeting.id, m.local.time])).toEqual([['kiritimati', '08:00']]);
  });

  it('handles the days clocks change (23- and 25-hour days)', () => {
    const spring = [meeting('before', '2026-03-29T01:30:00+01:00'), meeting('after', '2026-03-29T03:30:00+02:00'), meeting('end', '2026-03-29T23:59:00+02:00')];
    expect(meetingsOn(spring, '2026-03-29', CPH).map((m) => [m.meeting.id, m.local.time])).toEqual([
      ['before', '01:30'],
      ['after', '03:30'],
      ['end', '23:59'],
    ]);
    // 02:30 happens twice on 25 October; both are on that day, in instant order.
    const autumn = [meeting('second', '2026-10-25T02:30:00+01:00'), meeting('first', '2026-10-25T02:30:00+02:00')];
    expect(meetingsOn(autumn, '2026-10-25', CPH).map((m) => m.meeting.id)).toEqual(['first', 'second']);
  });
});

describe('overdue goals', () => {
  it('is overdue when the due date is before today and the goal is neither completed nor cancelled', () => {
    expect(daysOverdue(goal('g', '2026-11-23'), '2026-11-24')).toBe(1);
    expect(daysOverdue(goal('g', '2026-11-24'), '2026-11-24')).toBe(0); // due today is not overdue
    expect(daysOverdue(goal('g', '2026-10-25'), '2026-11-24')).toBe(30);
    expect(daysOverdue(goal('g', '2026-10-25', 'on-hold'), '2026-11-24')).toBe(30);
    expect(daysOverdue(goal('g', '2026-10-25', 'proposed'), '2026-11-24')).toBe(30);
    expect(daysOverdue(goal('g', '2026-10-25', 'completed'), '2026-11-24')).toBe(0);
    expect(daysOverdue(goal('g', '2026-10-25', 'cancelled'), '2026-11-24')).toBe(0);
  });
});

describe('unresolved contacts', () => {
  it('counts days waiting and flags a passed reply-by date', () => {
    const c = contact('c', '2026-11-01', 'open', { replyBy: '2026-11-23' });
    expect(daysWaiting(c, '2026-11-24')).toBe(23);
    expect(isReplyByPassed(c, '2026-11-24')).toBe(true);
    expect(isReplyByPassed(c, '2026-11-23')).toBe(false); // the reply-by day itself is still in time
    expect(isReplyByPassed({ ...c, status: 'resolved' }, '2026-12-24')).toBe(false);
    expect(isReplyByPassed(contact('x', '2026-11-01'), '2027-01-01')).toBe(false); // no reply-by
  });
});

describe('overlapping interventions', () => {
  const base = family('f1');
  const member = 'f1-a';
  it('pairs the same member, sector and kind with periods that overlap (inclusive, open-ended)', () => {
    const f = {
      ...base,
      interventions: [
        intervention('i1', member, '2026-01-01', '2026-03-31'),
        intervention('i2', member, '2026-03-31', '2026-06-30'), // touches on 31 March: overlaps
        intervention('i3', member, '2026-07-01'), // ongoing, starts after i2 ends
        intervention('i4', member, '2026-09-01', undefined, { kind: 'Mentorstøtte ' }), // same kind, other spelling
        intervention('i5', member, '2026-01-01', undefined, { sector: 'health' }), // other sector
        intervention('i6', 'f1-c', '2026-01-01'), // other member
      ],
    };
    expect(overlappingInterventions(f).map(([a, b]) => `${a.id}+${b.id}`)).toEqual(['i1+i2', 'i3+i4']);
  });
});

describe('the Today view', () => {
  it('orders the worst first and carries ids and family ids', () => {
    const s = state(
      family('f1', {
        name: 'Familien Berg',
        goals: [goal('g1', '2026-11-20'), goal('g2', '2026-10-01', 'active', { memberId: 'f1-c' }), goal('g3', '2026-10-01', 'completed')],
        contacts: [contact('c1', '2026-11-20'), contact('c2', '2026-11-01', 'answered'), contact('c3', '2026-11-22', 'open', { replyBy: '2026-11-23' }), contact('c4', '2026-01-01', 'resolved')],
        meetings: [meeting('m1', '2026-11-24T10:00:00+01:00')],
      }),
      family('f2', { name: 'Familien Andersen', goals: [goal('g4', '2026-11-20')], meetings: [meeting('m2', '2026-11-24T09:00:00+01:00')] }),
    );
    const view = todayView(s, '2026-11-24', CPH);
    expect(view.date).toBe('2026-11-24');
    expect(view.meetings.map((m) => [m.id, m.familyId, m.time])).toEqual([
      ['m2', 'f2', '09:00'],
      ['m1', 'f1', '10:00'],
    ]);
    expect(view.overdueGoals.map((g) => [g.id, g.familyId, g.daysOverdue])).toEqual([
      ['g2', 'f1', 54],
      ['g4', 'f2', 4], // same days: by family name (Andersen before Berg)
      ['g1', 'f1', 4],
    ]);
    // Danish collation: "Aa" is the letter Å and sorts after Z.
    expect(todayView(state(family('f1', { name: 'Aagaard', goals: [goal('a', '2026-11-20')] }), family('f2', { name: 'Berg', goals: [goal('b', '2026-11-20')] })), '2026-11-24', CPH).overdueGoals.map((g) => g.id)).toEqual(['b', 'a']);
    expect(view.overdueGoals[0]?.memberName).toBe('Emil');
    expect(view.openContacts.map((c) => [c.id, c.daysWaiting, c.replyByPassed])).toEqual([
      ['c3', 2, true],
      ['c2', 23, false],
      ['c1', 4, false],
    ]);
  });
});

describe('consent (samtykke)', () => {
  const consent = (sectors: Array<'employment' | 'school'>, given: string, until: string, revoked?: string) => ({ id: `k-${sectors.join('')}`, sectors, given, until, ...(revoked && { revoked }) });

  it('is valid from the day it is given to its last day, unless revoked by then', () => {
    const k = consent(['school'], '2026-01-01', '2026-12-31');
    expect(isConsentValid(k, '2025-12-31')).toBe(false);
    expect(isConsentValid(k, '2026-01-01')).toBe(true);
    expect(isConsentValid(k, '2026-12-31')).toBe(true);
    expect(isConsentValid(k, '2027-01-01')).toBe(false);
    expect(isConsentValid({ ...k, revoked: '2026-06-01' }, '2026-05-31')).toBe(true);
    expect(isConsentValid({ ...k, revoked: '2026-06-01' }, '2026-06-01')).toBe(false);
  });

  it('flags a contact to a sector no valid consent covers', () => {
    const f = family('f1', {
      consents: [consent(['school'], '2026-01-01', '2026-12-31'), consent(['employment'], '2025-01-01', '2025-12-31')],
      contacts: [contact('c-school', '2026-11-01', 'open', { sector: 'school' }), contact('c-job', '2026-11-01', 'open', { sector: 'employment' }), contact('c-health', '2026-11-01', 'open', { sector: 'health' })],
    });
    expect(hasConsentFor(f, 'school', '2026-11-24')).toBe(true);
    const view = todayView(state(f), '2026-11-24', CPH);
    expect(Object.fromEntries(view.openContacts.map((c) => [c.id, c.consentMissing]))).toEqual({ 'c-school': false, 'c-job': true, 'c-health': true });
  });
});
