// famcoord report --format html, printed to PDF by headless Chromium: every figure's n/of is in
// what was printed, on A4, and the file was written privately. Skipped without Chromium (one line
// says why), a failure with CI set: tests/helpers/chromium.ts.
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BaselineFollowUp, CaseloadReport, Share } from '../../src/domain/report.js';
import { chromiumBinary, printToPdf } from '../helpers/chromium.js';
import { sandbox, type Sandbox } from '../helpers/cli.js';
import { FROM, TO, handCountedOutcomes } from '../helpers/handCountedOutcomes.js';

const DATE = '2026-11-24';
const squash = (text: string) => text.replace(/\s+/g, ' ');

/** Every share the page shows as "(n/of)", as a count of each text (the trend's n/of are shown without brackets). */
function shownShares(report: CaseloadReport): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (share: Share) => counts.set(`(${share.n}/${share.of})`, (counts.get(`(${share.n}/${share.of})`) ?? 0) + 1);
  const pair = (figure: BaselineFollowUp<Share>) => [figure.baseline, figure.followUp].forEach(add);
  [report.adultsOnCashBenefit, report.adultsActivated, report.childrenSevere, report.childrenLeisureActivity, report.childrenWithLeisureJob, report.caseHandling.ratedGood, report.overlappingInterventions.families].forEach(pair);
  Object.values(report.employment).forEach(pair);
  Object.values(report.childrenWithEvent).forEach(pair);
  pair(report.familiesWithComplaint);
  [
    report.adultsFromCashBenefitToWorkOrEducation,
    report.adultsQualityOfLifeImproved,
    report.adultsFunctionalImproved,
    report.childrenFunctionalImproved,
    report.childrenFunctionalImprovedWhereAdultsImproved,
    report.childrenWellbeingImproved,
    report.childrenFriendshipsImproved,
    report.familiesAbsenceFell,
    report.caseHandling.rose,
    report.goals.progressImproved,
    report.goals.completed,
    report.touchPoints.professionalsFell,
    report.touchPoints.meetingsFell,
  ].forEach(add);
  return counts;
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe.skipIf(!chromiumBinary)('famcoord report --format html in headless Chromium', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
  });
  afterAll(() => box.cleanup());

  it('prints the demo caseload on A4 in Danish, every figure with its n/of, the trend with every date', () => {
    expect(box.run(['demo', '--date', DATE]).code).toBe(0);
    const html = join(box.dir, 'resultater.html');
    const written = box.run(['report', '--date', DATE, '--out', html]); // .html: HTML without --format
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toMatch(/^Wrote the report to .*resultater\.html \(readable only by you\)$/m);
    expect(statSync(html).mode & 0o777).toBe(0o600);
    const report = JSON.parse(box.run(['report', '--json', '--date', DATE]).stdout) as CaseloadReport;

    const printed = printToPdf(html, join(box.dir, 'resultater.pdf'));
    const text = squash(printed.text);
    if (printed.pageSize !== undefined) expect(printed.pageSize).toMatch(/\(A4\)/);
    expect(text).toContain('Resultater for familierne');
    expect(text).toContain(`24.11.2025 → 24.11.2026: ${report.families} familier, ${report.adults} voksne, ${report.children} børn`);
    for (const [shown, count] of shownShares(report)) expect(occurrences(text, shown), shown).toBeGreaterThanOrEqual(count);
    for (const label of ['Børn med svære eller omfattende problemer', 'Aktiveringsgrad blandt voksne på offentlig forsørgelse', 'Børn hjemgivet', 'Familier med en klagesag', 'Børn med fast fritidstilknytning'])
      expect(text).toContain(label);
    for (const date of Object.keys(report.trend)) expect(text).toContain(date.split('-').reverse().join('.'));
  });

  it('prints a hand-counted caseload in English with --lang en, given --output', () => {
    writeFileSync(box.store, JSON.stringify(handCountedOutcomes), { mode: 0o600 });
    const html = join(box.dir, 'report.htm');
    const written = box.run(['report', '--from', FROM, '--to', TO, '--format', 'html', '--lang', 'en', '--output', html]);
    expect(written.code, written.stderr).toBe(0);
    const text = squash(printToPdf(html, join(box.dir, 'report.pdf')).text);
    expect(text).toContain('Caseload report');
    // The hand counts (tests/helpers/handCountedOutcomes.ts), each on its row as printed.
    expect(text).toMatch(/Activation rate of adults on public benefit 67% \(2\/3\) 50% \(1\/2\)/);
    expect(text).toMatch(/Children with a steady leisure activity 67% \(2\/3\) 67% \(2\/3\)/);
    expect(text).toMatch(/Children and young people with a leisure job 50% \(1\/2\) 100% \(2\/2\)/);
    expect(text).toMatch(/Children who rate their friendships higher 50% \(1\/2\)/);
    expect(text).toMatch(/Children returned home 0% \(0\/4\) 25% \(1\/4\)/);
    expect(text).toMatch(/Families with a complaint 33% \(1\/3\) 33% \(1\/3\)/);
    expect(text).toMatch(/Families who rate the handling of their case higher 67% \(2\/3\)/);
    expect(text).toContain('preventive support');
  });
});
