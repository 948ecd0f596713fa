// A small caseload whose touch points and spending were counted by hand (tests/domain/touchPoints.test.ts).
import { family, intervention, meeting, member, state } from './fixtures.js';

export const FROM = '2026-01-01';
export const TO = '2026-07-01';
const at = (date: string, ...names: string[]) => meeting(`m-${date}-${names.length}`, `${date}T10:00:00+01:00`, { attendees: names.map((name) => ({ name })) });

/**
 * The period is 181 days, so the baseline period is 2025-07-04 (excluded) to 2026-01-01.
 * f1 met 4 professionals in 2 meetings before, 2 in 1 after; f2 1 in 1, then 3 in 2; f3 1 in 1
 * (on the baseline date itself), then none. Medians: professionals 1 → 2, meetings 1 → 1; both
 * fell in f1 and f3: 2 of 3.
 */
export const handCounted = state(
  family('f1', {
    members: [member('p1', 'adult', { name: 'Mette Holm' }), member('p2', 'child', { name: 'Emil Holm' })],
    meetings: [at('2025-09-10', 'Hanne Kjær', 'Lone Berg', 'Mette Holm'), at('2025-11-05', 'Hanne Kjær', 'Maja Winther', 'Karin Juhl', 'mette'), at('2026-03-01', 'hanne  kjær', 'Lone Berg', 'Emil')],
    interventions: [
      intervention('i1', 'p1', '2025-09-01', '2026-02-28', { sector: 'employment', kind: 'mentorstøtte', cost: { dkk: 4500, per: 'month' } }),
      intervention('i2', 'p1', '2025-12-01', undefined, { sector: 'adults', kind: 'bostøtte', cost: { dkk: 6200, per: 'month' } }),
      intervention('i3', 'p1', '2025-01-01', undefined, { sector: 'adults', kind: 'aktivitetstilbud' }),
    ],
  }),
  family('f2', {
    meetings: [at('2025-07-04', 'Ikke Talt'), at('2025-12-01', 'Hanne Kjær'), at('2026-02-01', 'Hanne Kjær', 'Jens Riis'), at('2026-05-01', 'Hanne Kjær', 'Jens Riis', 'Dorthe Krogh')],
    // 24,000 kr. over 184 days: 24000 × 30.4375 / 184 = 3970.11 kr. a month, paid by the school.
    interventions: [intervention('i4', 'f2-c', '2026-03-01', '2026-08-31', { sector: 'children', kind: 'familiebehandling', cost: { dkk: 24_000, per: 'total' }, payer: 'school' })],
  }),
  family('f3', {
    meetings: [at('2026-01-01', 'Ole Brask')],
    interventions: [intervention('i5', 'f3-a', '2025-06-01', '2026-06-30', { sector: 'finance', kind: 'økonomisk rådgivning', cost: { dkk: 1000, per: 'month' } })],
  }),
);
