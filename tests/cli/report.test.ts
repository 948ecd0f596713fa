// famcoord observe, event and report as users and scripts run them.
import { readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandbox, type Sandbox } from '../helpers/cli.js';

const DATE = '2026-11-24';
const CONTRACT_PAIRS = [
  'adultsOnCashBenefit.baseline',
  'adultsOnCashBenefit.followUp',
  'childrenSevere.baseline',
  'childrenSevere.followUp',
  'familiesAbsenceFell',
  'childrenFunctionalImproved',
  'childrenFunctionalImprovedWhereAdultsImproved',
];
const at = (report: unknown, path: string) => path.split('.').reduce((node: unknown, key) => (node as Record<string, unknown>)[key], report);

describe('famcoord report on the demo store', () => {
  let box: Sandbox;
  let report: Record<string, unknown>;
  beforeAll(() => {
    box = sandbox();
    expect(box.run(['demo', '--date', DATE]).code).toBe(0);
    const result = box.run(['report', '--json', '--date', DATE]);
    expect(result.code).toBe(0);
    report = JSON.parse(result.stdout);
  });
  afterAll(() => box.cleanup());

  it('prints the figures as JSON, for the 12 months up to today by default', () => {
    expect(report).toMatchObject({ from: '2025-11-24', to: DATE, families: 25 });
    expect(report.adults).toBeGreaterThan(25);
    expect(report.children).toBeGreaterThan(25);
    for (const path of CONTRACT_PAIRS) {
      const figure = at(report, path) as { n: number; of: number };
      expect(Object.keys(figure), path).toEqual(['n', 'of']);
      expect(Number.isInteger(figure.n) && figure.n >= 0 && figure.n <= figure.of, path).toBe(true);
      expect(figure.of, path).toBeGreaterThan(0);
    }
  });

  it('prints tables with bars and sparklines for people, and CSV with the same figures', () => {
    const text = box.run(['report', '--date', DATE]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Caseload report 24 Nov 2025 → 24 Nov 2026: 25 families/);
    const cash = report.adultsOnCashBenefit as { baseline: { n: number; of: number } };
    expect(text.stdout).toMatch(new RegExp(`^Adults on cash benefit +[█▏▎▍▌▋▊▉░]{12} +\\d+%  ${cash.baseline.n}/${cash.baseline.of} `, 'm'));
    expect(text.stdout).toMatch(/^Adults on cash benefit +[▁▂▃▄▅▆▇█]{5}  \d+% → \d+%$/m);

    const csv = box.run(['report', '--csv', '--date', DATE]);
    expect(csv.code).toBe(0);
    const rows = csv.stdout.trim().split('\n');
    expect(rows[0]).toBe('figure,n,of,share,value');
    const share = (cash.baseline.n / cash.baseline.of).toFixed(4);
    expect(rows).toContain(`adultsOnCashBenefit.baseline,${cash.baseline.n},${cash.baseline.of},${share},`);
    expect(rows).toContain('families,,,,25');
    expect(rows.every((row) => row.split(',').length === 5)).toBe(true);
  });

  it('reports on chosen families', () => {
    const chosen = JSON.parse(box.run(['report', '--json', '--family', 'f1', '--family', 'f2', '--date', DATE]).stdout);
    expect(chosen.families).toBe(2);
  });

  const bad: Array<[string[], RegExp]> = [
    [['report', '--from', '2026-12-01'], /--from must be before --to \(2026-11-24\)/],
    [['report', '--family', 'f999'], /--family: unknown family f999; known: f/],
    [['report', '--json', '--csv'], /choose one of --json and --csv/],
    [['report', '--format', 'pdf'], /--format must be text or html, e.g. --format html/],
    [['report', '--format', 'html', '--json'], /choose one of --json, --csv and --format html/],
    [['report', '--json', '--out', 'report.json'], /--out writes the text, CSV or HTML report; for JSON, famcoord report --json > report.json/],
    [['report', '--out', 'a.html', '--output', 'b.html'], /give the file once, with --out/],
    [['observe', 'p1', '--kind', 'employment', '--value', 'unemployed'], /--value must be one of: cash-benefit, .* for employment/],
    [['observe', 'p1', '--kind', 'mood', '--value', '3'], /--kind must be one of: employment, qualityOfLife/],
    [['observe', 'p2', '--kind', 'fritidsjob', '--value', 'måske'], /--value must be yes or no \(true or false\) for leisureJob/],
    [['observe', 'p99999', '--kind', 'wellbeing', '--value', '5'], /unknown member p99999; known: p/],
    [['event', 'p2', '--kind', 'party'], /--kind must be one of: investigation, notification, placement, closed-doing-well, returned-home, stepped-down, complaint/],
  ];
  it('writes the HTML page privately, never through a link or over the store', () => {
    const page = join(box.dir, 'page.html');
    expect(box.run(['report', '--format', 'html', '--out', page, '--date', DATE]).code).toBe(0);
    expect(statSync(page).mode & 0o777).toBe(0o600);
    expect(readFileSync(page, 'utf8')).toMatch(/^<!DOCTYPE html>\n<html lang="da">/);
    const target = join(box.dir, 'elsewhere.txt');
    writeFileSync(target, 'untouched');
    symlinkSync(target, join(box.dir, 'link.html'));
    const linked = box.run(['report', '--out', join(box.dir, 'link.html'), '--date', DATE]);
    expect(linked.code).toBe(1);
    expect(linked.stderr).toMatch(/is a link; nothing was written/);
    expect(readFileSync(target, 'utf8')).toBe('untouched');
    const bytes = box.bytes();
    const overStore = box.run(['report', '--format', 'html', '--out', box.store, '--date', DATE]);
    expect(overStore.code).toBe(2);
    expect(overStore.stderr).toMatch(/--out must not be the store or a file beside it/);
    expect(box.bytes()).toEqual(bytes);
  });

  it.each(bad)('famcoord %j exits 2 with a one-line error and writes nothing', (args, message) => {
    const bytes = box.bytes();
    const result = box.run([...args, '--date', DATE]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^famcoord: /);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(box.bytes()).toEqual(bytes);
  });
});

describe('recording indicators, then reporting on them', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
    expect(box.run(['init']).code).toBe(0);
    expect(box.run(['families', 'add', '--name', 'Familien Holm', '--member', 'Sara Holm:adult', '--member', 'Ida Holm:child']).code).toBe(0);
  });
  afterAll(() => box.cleanup());

  it('takes Danish and English spellings, and the report counts what was recorded', () => {
    const steps = [
      ['observe', 'p1', '--kind', 'employment', '--value', 'kontanthjælp', '--on', '2025-12-01'],
      ['observe', 'p1', '--kind', 'employment', '--value', 'job', '--on', '2026-06-01'],
      ['observe', 'p2', '--kind', 'severity', '--value', 'svære', '--on', '2025-12-01'],
      ['observe', 'p2', '--kind', 'severity', '--value', 'some', '--on', '2026-06-01'],
      ['observe', 'p2', '--kind', 'functional-level', '--value', '2', '--on', '2025-12-01'],
      ['observe', 'p2', '--kind', 'funktionsniveau', '--value', '4', '--on', '2026-06-01'],
      ['event', 'p2', '--kind', 'underretning', '--on', '2026-03-01'],
      ['observe', 'p2', '--kind', 'fritidstilknytning', '--value', 'nej', '--on', '2025-12-01'],
      ['observe', 'p2', '--kind', 'leisure-activity', '--value', 'ja', '--on', '2026-06-01'],
      ['observe', 'p1', '--kind', 'sagsgang', '--value', '2', '--on', '2025-12-01'],
      ['observe', 'p1', '--kind', 'case-handling', '--value', '4', '--on', '2026-06-01'],
      ['event', 'p2', '--kind', 'hjemgivet', '--on', '2026-05-01'],
      ['event', 'p1', '--kind', 'klage', '--on', '2026-02-01'],
    ];
    for (const args of steps) expect(box.run(args).code, args.join(' ')).toBe(0);
    const json = box.run(['observe', 'p1', '--kind', 'quality-of-life', '--value', '6', '--json', '--date', '2026-06-01']);
    expect(JSON.parse(json.stdout).applied).toEqual([{ op: 'observation.add', memberId: 'p1', kind: 'qualityOfLife', value: 6, date: '2026-06-01' }]);
    expect(box.run(['event', 'p2', '--kind', 'closed', '--on', '2026-06-30']).stdout).toMatch(/^Recorded closed-doing-well for p2 on 2026-06-30 \(step \d+\)$/m);

    const report = JSON.parse(box.run(['report', '--json', '--from', '2026-01-01', '--to', '2026-07-01']).stdout);
    expect(report).toMatchObject({
      families: 1,
      adults: 1,
      children: 1,
      adultsOnCashBenefit: { baseline: { n: 1, of: 1 }, followUp: { n: 0, of: 1 } },
      adultsFromCashBenefitToWorkOrEducation: { n: 1, of: 1 },
      childrenSevere: { baseline: { n: 1, of: 1 }, followUp: { n: 0, of: 1 } },
      childrenFunctionalImproved: { n: 1, of: 1 },
      childrenFunctionalImprovedWhereAdultsImproved: { n: 0, of: 0 },
      adultsQualityOfLifeImproved: { n: 0, of: 0 },
      childrenWithEvent: {
        notification: { baseline: { n: 0, of: 1 }, followUp: { n: 1, of: 1 } },
        'closed-doing-well': { followUp: { n: 1, of: 1 } },
        'returned-home': { baseline: { n: 0, of: 1 }, followUp: { n: 1, of: 1 } },
      },
      childrenLeisureActivity: { baseline: { n: 0, of: 1 }, followUp: { n: 1, of: 1 } },
      familiesWithComplaint: { baseline: { n: 0, of: 1 }, followUp: { n: 1, of: 1 } },
      caseHandling: { ratedGood: { baseline: { n: 0, of: 1 }, followUp: { n: 1, of: 1 } }, rose: { n: 1, of: 1 } },
      adultsActivated: { baseline: { n: 0, of: 1 }, followUp: { n: 0, of: 0 } },
    });
    // In a batch file too, counted by the member's family.
    const batch = ['{"op":"observation.add","memberId":"p2","kind":"wellbeing","value":6}', '{"op":"event.add","memberId":"p2","kind":"placement"}'].join('\n');
    expect(JSON.parse(box.run(['batch', '-', '--dry-run', '--json'], { input: batch }).stdout)).toMatchObject({ operations: 2, byFamily: { f1: 2 } });
    // The store keeps them where the contract says.
    const store = JSON.parse(box.bytes().toString());
    expect(store.families[0].members[1].observations).toContainEqual({ date: '2026-06-01', kind: 'leisureActivity', value: true });
    expect(store.families[0].members[1].events).toEqual([
      { date: '2026-03-01', kind: 'notification' },
      { date: '2026-05-01', kind: 'returned-home' },
      { date: '2026-06-30', kind: 'closed-doing-well' },
    ]);
  });
});
