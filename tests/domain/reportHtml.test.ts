// The HTML report as a page: self-contained, Danish by default, every figure with its n/of and a
// bar chart, the trend as a line chart. (tests/cli/reportHtml.test.ts prints it in Chromium.)
import { describe, expect, it } from 'vitest';
import { renderReportHtml } from '../../src/domain/documents/reportHtml.js';
import { caseloadReport } from '../../src/domain/report.js';
import { isPaired, reportSections } from '../../src/domain/reportSections.js';
import { problemsInDanishScreen } from '../helpers/danish.js';
import { FROM, TO, handCountedOutcomes } from '../helpers/handCountedOutcomes.js';

const report = caseloadReport(handCountedOutcomes, { from: FROM, to: TO });
const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

describe('the caseload report as an HTML page', () => {
  const html = renderReportHtml(report, 'da');

  it('fetches nothing: no scripts, links, images, fonts or URLs; styles and charts inline', () => {
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|\bsrc=|\bhref=|url\(|@import|https?:/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).toMatch(/<style>[\s\S]*@page \{ size: A4;/);
    expect(html).toMatch(/<svg class="chart"[\s\S]*<polyline /);
  });

  it('shows every figure with its n/of and a bar chart of baseline against follow-up', () => {
    const sections = reportSections(report, 'da');
    for (const section of [sections.beforeAfter, sections.improved, sections.employment, sections.caseEvents, sections.fewerTouchPoints])
      for (const { label, figure } of section.rows) {
        const shares = isPaired(figure) ? [figure.baseline, figure.followUp] : [figure];
        const row = html.split('\n').find((line) => [`<tr><td>`, `<tr><td class="sub">`].some((start) => line.startsWith(start + escaped(label.trim()))));
        expect(row, label).toBeDefined();
        for (const share of shares) expect(row, label).toContain(`(${share.n}/${share.of})`);
        // One bar per share, each on its track.
        expect(row?.match(/<rect /g)?.length, label).toBe(2 * shares.length);
      }
    expect(html).toContain('<tr><td>Børn hjemgivet</td><td class="share">0% <span class="n">(0/4)</span></td><td class="share">25% <span class="n">(1/4)</span></td>');
    expect(html).toContain('<tr><td>Aktiveringsgrad blandt voksne på offentlig forsørgelse</td><td class="share">67% <span class="n">(2/3)</span></td><td class="share">50% <span class="n">(1/2)</span></td>');
  });

  it('draws the trend over the quarters, with each date\'s n/of in a table', () => {
    expect(html).toContain('<th scope="col">01.01.2026</th><th scope="col">01.04.2026</th><th scope="col">01.07.2026</th>');
    expect(html).toContain('<tr><td>Børn med fast fritidstilknytning</td><td>67%<br>2/3</td><td>100%<br>3/3</td><td>67%<br>2/3</td></tr>');
    // One line per headline share.
    expect(html.match(/<g><title>/g)).toHaveLength(4);
  });

  it('is in Danish by default, in English when asked', () => {
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="da">/);
    expect(html).toContain('<h1>Resultater for familierne</h1>');
    expect(html).toContain('Familier med en klagesag');
    // Its text, as a reader sees it: no English vocabulary word, no MM-DD or ISO date.
    const text = html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]*>/g, '\n');
    expect(problemsInDanishScreen(text)).toEqual([]);
    const english = renderReportHtml(report, 'en');
    expect(english).toMatch(/<html lang="en">/);
    expect(english).toContain('<tr><td>Children returned home</td><td class="share">0% <span class="n">(0/4)</span></td><td class="share">25% <span class="n">(1/4)</span></td>');
    expect(english).not.toContain('Familier');
  });
});
