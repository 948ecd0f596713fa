// Interventions that collide and meetings that clash, as plain functions over one family.
import { describe, expect, it } from 'vitest';
import { familyCollisions, foldKind, meetingClashes, purposeTableFrom, samePurposeInterventions } from '../../src/domain/collisions.js';
import { familyPlan } from '../../src/domain/views.js';
import { family, intervention, meeting, state } from '../helpers/fixtures.js';

const mentor = intervention('i1', 'f1-a', '2026-09-01', '2027-02-28', { sector: 'employment', kind: 'mentorstøtte' });
const bostoette = intervention('i2', 'f1-a', '2026-11-01', undefined, { sector: 'adults', kind: 'Bostøtte' });

describe('same purpose', () => {
  it('flags a job-centre mentor support and an adult-services bostøtte for one adult in overlapping months', () => {
    const collisions = familyCollisions(family('f1', { interventions: [mentor, bostoette] }));
    expect(collisions).toEqual([
      { kind: 'same-purpose', ids: ['i1', 'i2'], reason: 'i1 (mentorstøtte, employment) and i2 (Bostøtte, adults) both serve hverdagsstøtte for f1-a at the same time' },
    ]);
  });

  it('does not flag them for two people, at times that do not meet, or from the same sector', () => {
    const apart = intervention('i2', 'f1-a', '2027-03-01', undefined, { sector: 'adults', kind: 'bostøtte' });
    const otherPerson = intervention('i2', 'f1-c', '2026-11-01', undefined, { sector: 'adults', kind: 'bostøtte' });
    const sameSector = intervention('i2', 'f1-a', '2026-11-01', undefined, { sector: 'employment', kind: 'bostøtte' });
    for (const second of [apart, otherPerson, sameSector]) expect(samePurposeInterventions(family('f1', { interventions: [mentor, second] }))).toEqual([]);
  });

  it('counts the last day of one and the first of the other as overlapping', () => {
    const next = intervention('i2', 'f1-a', '2027-02-28', undefined, { sector: 'adults', kind: 'bostøtte' });
    expect(samePurposeInterventions(family('f1', { interventions: [mentor, next] }))).toHaveLength(1);
  });

  it('matches kinds without regard to case, spacing or a bracketed note, and uses the table it is given', () => {
    expect(foldKind('  Socialpædagogisk   støtte (SKP) ')).toBe('socialpædagogisk støtte');
    const table = { 'job og hverdag': ['mentorstøtte', 'virksomhedspraktik'] };
    const praktik = intervention('i3', 'f1-a', '2026-10-01', undefined, { sector: 'adults', kind: 'Virksomhedspraktik' });
    const f = family('f1', { interventions: [mentor, bostoette, praktik] });
    expect(samePurposeInterventions(f, table).map((c) => [c.pair.map((i) => i.id), c.purpose])).toEqual([[['i1', 'i3'], 'job og hverdag']]);
  });

  it('checks a table from outside', () => {
    expect(purposeTableFrom({ a: ['x', 'y'] })).toEqual({ a: ['x', 'y'] });
    expect(purposeTableFrom(['x'])).toMatch(/must be an object/);
    expect(purposeTableFrom({ a: 'x' })).toMatch(/purpose "a" must be a list/);
    expect(purposeTableFrom({ a: ['x', ''] })).toMatch(/must be a list/);
  });
});

describe('same kind', () => {
  it('keeps flagging the same kind twice from one sector for one member, as before', () => {
    const twice = intervention('i3', 'f1-a', '2026-10-01', undefined, { sector: 'employment', kind: 'Mentorstøtte ' });
    expect(familyCollisions(family('f1', { interventions: [mentor, twice] }))).toEqual([
      { kind: 'same-kind', ids: ['i1', 'i3'], reason: 'i1 and i3: mentorstøtte twice from employment for f1-a at the same time' },
    ]);
  });
});

describe('meeting clashes', () => {
  const lone = { name: 'Lone Berg', sector: 'employment' as const };
  it('flags two meetings that overlap in time with the same person at both, naming how many people, not who', () => {
    const a = meeting('m1', '2026-11-24T09:00:00+01:00', { durationMin: 60, attendees: [lone, { name: 'Mette' }] });
    const b = meeting('m2', '2026-11-24T08:30:00Z', { durationMin: 30, attendees: [{ name: 'lone  berg' }] });
    const collisions = familyCollisions(family('f1', { meetings: [b, a] }));
    expect(collisions).toEqual([{ kind: 'meeting-clash', ids: ['m1', 'm2'], reason: 'm1 and m2 overlap in time with 1 person at both' }]);
    expect(JSON.stringify(collisions)).not.toContain('Lone');
  });

  it('does not flag meetings back to back, or at once with nobody at both', () => {
    const a = meeting('m1', '2026-11-24T09:00:00+01:00', { durationMin: 60, attendees: [lone] });
    const after = meeting('m2', '2026-11-24T10:00:00+01:00', { attendees: [lone] });
    const others = meeting('m3', '2026-11-24T09:30:00+01:00', { attendees: [{ name: 'Jens Riis' }] });
    expect(meetingClashes(family('f1', { meetings: [a, after, others] }))).toEqual([]);
  });
});

describe('the family plan', () => {
  it('gives every collision under collisions', () => {
    const plan = familyPlan(state(family('f1', { interventions: [mentor, bostoette] })), 'f1', '2026-11-24', 'Europe/Copenhagen')!;
    expect(plan.collisions.map((c) => c.kind)).toEqual(['same-purpose']);
  });
});
