// The caseload report as one self-contained HTML page for the people who fund the work: every
// figure with its n/of, a bar chart of baseline against follow-up beside each, and the headline
// shares' trend over the quarters as a line chart. It prints on A4 (the documents' print styles);
// the charts are inline SVG and the styles inline, so the page fetches nothing. Its figures and
// words are the text report's (reportSections), and every text goes through escapeHtml.
import { decimalText, numericDate } from '../dateFormat.js';
import type { CaseloadReport, Share } from '../report.js';
import { fraction, isPaired, percent, REPORT_WORDS, reportSections, type FigureSection, type ReportSections, type ValueSection } from '../reportSections.js';
import type { Lang } from '../vocabulary.js';
import { escapeHtml, htmlPage } from './model.js';

/** Baseline light, follow-up dark: told apart in grey print too. */
const BASELINE_FILL = '#9fb3c8';
const FOLLOW_UP_FILL = '#1f4e79';
const TRACK_FILL = '#e8e8e8';
/** The trend's lines: a colour and a dash each, so they stay apart printed in black and white. */
const LINE_STYLES = [
  { colour: '#1f4e79', dash: '' },
  { colour: '#b5472a', dash: '6 3' },
  { colour: '#2e7d4f', dash: '2 2' },
  { colour: '#7a4fa0', dash: '8 3 2 3' },
] as const;

const REPORT_CSS = `
table.figures td.share { white-space: nowrap; width: 16%; font-variant-numeric: tabular-nums; }
table.figures td.chart { width: 32%; padding-right: 0; }
table.figures td.sub { padding-left: 12pt; }
table.figures th { font-size: 8.5pt; letter-spacing: 0.03em; }
table.values td + td, table.values th + th { text-align: right; white-space: nowrap; }
svg.bars { display: block; width: 100%; height: auto; }
.legend { font: 9pt "Helvetica Neue", Helvetica, Arial, sans-serif; margin: 0 0 4pt; }
.legend span { margin-right: 12pt; white-space: nowrap; }
.legend svg { vertical-align: -1pt; margin-right: 3pt; }
figure.trend { margin: 4pt 0 10pt; break-inside: avoid; page-break-inside: avoid; }
figure.trend svg.chart { display: block; width: 100%; height: auto; }
table.trend { font-size: 8.5pt; font-variant-numeric: tabular-nums; }
table.trend td + td, table.trend th + th { text-align: right; white-space: nowrap; }
p.notes { font-size: 9.5pt; color: #333; }
`;

/** Numbers in SVG attributes: short, and never in a locale's format. */
const num = (value: number) => String(Math.round(value * 10) / 10);

/** Bars of shares (0–100%) on a light track, one under the other, each with its fill. */
function barsSvg(bars: ReadonlyArray<{ share: Share; fill: string }>, label: string): string {
  const width = 200;
  const height = 9;
  const gap = 3;
  const rows = bars.map(({ share, fill }, i) => {
    const y = i * (height + gap);
    return `<rect x="0" y="${y}" width="${width}" height="${height}" fill="${TRACK_FILL}"/><rect x="0" y="${y}" width="${num(width * (fraction(share) ?? 0))}" height="${height}" fill="${fill}"/>`;
  });
  const total = bars.length * height + (bars.length - 1) * gap;
  return `<svg class="bars" viewBox="0 0 ${width} ${total}" role="img" aria-label="${escapeHtml(label)}">${rows.join('')}</svg>`;
}

const shareText = (share: Share) => `${escapeHtml(percent(share))} <span class="n">(${share.n}/${share.of})</span>`;

const swatch = (fill: string) => `<svg width="10" height="10" viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" fill="${fill}"/></svg>`;

function figureTable(section: FigureSection): string {
  const paired = section.columns.length === 2;
  const head = paired
    ? `<tr><th scope="col">${escapeHtml(section.heading)}</th><th scope="col">${escapeHtml(section.columns[0] as string)}</th><th scope="col">${escapeHtml(section.columns[1] as string)}</th><th scope="col"></th></tr>`
    : `<tr><th scope="col" colspan="2">${escapeHtml(section.heading)}</th><th scope="col"></th></tr>`;
  const rows = section.rows.map(({ label, figure, note }) => {
    if (isPaired(figure)) {
      const chart = barsSvg(
        [
          { share: figure.baseline, fill: BASELINE_FILL },
          { share: figure.followUp, fill: FOLLOW_UP_FILL },
        ],
        `${section.columns[0] ?? ''}: ${percent(figure.baseline)} (${figure.baseline.n}/${figure.baseline.of}); ${section.columns[1] ?? ''}: ${percent(figure.followUp)} (${figure.followUp.n}/${figure.followUp.of})`,
      );
      return `<tr><td>${escapeHtml(label.trim())}</td><td class="share">${shareText(figure.baseline)}</td><td class="share">${shareText(figure.followUp)}</td><td class="chart">${chart}</td></tr>`;
    }
    const labelText = note ? `${label.trim()} ${note.trim()}` : label.trim();
    // A label indented in the text report ("  where an adult's…") qualifies the row above it.
    const labelCell = label.startsWith(' ') ? `<td class="sub">` : '<td>';
    const chart = barsSvg([{ share: figure, fill: FOLLOW_UP_FILL }], `${percent(figure)} (${figure.n}/${figure.of})`);
    return `<tr>${labelCell}${escapeHtml(labelText)}</td><td class="share">${shareText(figure)}</td><td class="chart">${chart}</td></tr>`;
  });
  const legend = paired ? `<p class="legend"><span>${swatch(BASELINE_FILL)}${escapeHtml(section.columns[0] as string)}</span><span>${swatch(FOLLOW_UP_FILL)}${escapeHtml(section.columns[1] as string)}</span></p>\n` : '';
  return `${legend}<table class="figures">\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

function valueTable(section: ValueSection): string {
  const head = `<tr>${[section.heading, ...section.columns].map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr>`;
  const rows = section.rows.map(({ label, values }) => `<tr><td>${escapeHtml(label)}</td>${values.map((v) => `<td>${escapeHtml(v)}</td>`).join('')}</tr>`);
  return `<table class="values">\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

function replyTable({ replies }: ReportSections, lang: Lang): string {
  const days = (value: number | null) => (value === null ? '–' : `${decimalText(value, lang)} d`);
  return valueTable({
    heading: replies.heading,
    columns: replies.columns,
    rows: replies.rows.map(({ label, times }) => ({ label, values: [days(times.medianDays), String(times.replied), String(times.waiting)] })),
  });
}

/** The trend as a line chart (0–100%), a legend, and the n/of on every date in a table. */
function trendFigure({ trend }: ReportSections, lang: Lang): string {
  const [width, height] = [640, 230];
  const [left, right, top, bottom] = [40, 12, 10, 34];
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const x = (i: number) => left + (trend.dates.length === 1 ? plotWidth / 2 : (plotWidth * i) / (trend.dates.length - 1));
  const y = (f: number) => top + plotHeight * (1 - f);
  const grid = [0, 0.25, 0.5, 0.75, 1].map(
    (f) => `<line x1="${left}" x2="${width - right}" y1="${num(y(f))}" y2="${num(y(f))}" stroke="#ccc" stroke-width="0.6"/><text x="${left - 5}" y="${num(y(f) + 3.5)}" text-anchor="end">${f * 100}%</text>`,
  );
  // Every date is named when they fit; with many, every second one.
  const every = trend.dates.length > 7 ? 2 : 1;
  const last = trend.dates.length - 1;
  // The first and last dates are set inside the chart's edges, the others centred on their points.
  const anchor = (i: number) => (i === 0 && last > 0 ? 'start' : i === last && last > 0 ? 'end' : 'middle');
  const ticks = trend.dates.map((date, i) =>
    i % every === 0 || i === last ? `<text x="${num(x(i))}" y="${height - bottom + 16}" text-anchor="${anchor(i)}">${escapeHtml(numericDate(date, lang))}</text>` : '',
  );
  const lines = trend.lines.map(({ label, shares }, l) => {
    const style = LINE_STYLES[l % LINE_STYLES.length] as (typeof LINE_STYLES)[number];
    // A date where no one was counted is a gap in the line, not a zero.
    const segments: string[][] = [[]];
    const marks: string[] = [];
    shares.forEach((share, i) => {
      const f = fraction(share);
      if (f === undefined) {
        segments.push([]);
        return;
      }
      (segments.at(-1) as string[]).push(`${num(x(i))},${num(y(f))}`);
      marks.push(`<circle cx="${num(x(i))}" cy="${num(y(f))}" r="2.6" fill="${style.colour}"/>`);
    });
    const paths = segments
      .filter((points) => points.length > 1)
      .map((points) => `<polyline points="${points.join(' ')}" fill="none" stroke="${style.colour}" stroke-width="1.8"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`);
    return `<g><title>${escapeHtml(label)}</title>${paths.join('')}${marks.join('')}</g>`;
  });
  const svg = `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(trend.heading)}" font-family="Helvetica, Arial, sans-serif" font-size="10" fill="#333">${grid.join('')}${ticks.join('')}${lines.join('')}</svg>`;
  const legend = trend.lines
    .map(({ label }, l) => {
      const style = LINE_STYLES[l % LINE_STYLES.length] as (typeof LINE_STYLES)[number];
      return `<span><svg width="22" height="8" viewBox="0 0 22 8" aria-hidden="true"><line x1="0" x2="22" y1="4" y2="4" stroke="${style.colour}" stroke-width="2"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/></svg>${escapeHtml(label)}</span>`;
    })
    .join('');
  const head = `<tr><th scope="col">${escapeHtml(trend.heading)}</th>${trend.dates.map((date) => `<th scope="col">${escapeHtml(numericDate(date, lang))}</th>`).join('')}</tr>`;
  const rows = trend.lines.map(({ label, shares }) => `<tr><td>${escapeHtml(label)}</td>${shares.map((share) => `<td>${escapeHtml(percent(share))}<br>${share.n}/${share.of}</td>`).join('')}</tr>`);
  return `<figure class="trend">\n${svg}\n<figcaption class="legend">${legend}</figcaption>\n</figure>\n<table class="trend">\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
}

export function renderReportHtml(report: CaseloadReport, lang: Lang): string {
  const w = REPORT_WORDS[lang];
  const sections = reportSections(report, lang);
  const subtitle = w.subtitle(sections.from, sections.to, report);
  const body = [
    `<h1>${escapeHtml(w.documentTitle)}</h1>`,
    `<p class="subtitle">${escapeHtml(subtitle)}</p>`,
    figureTable(sections.beforeAfter),
    `<h2>${escapeHtml(w.trendHeading)}</h2>`,
    trendFigure(sections, lang),
    figureTable(sections.improved),
    figureTable(sections.employment),
    figureTable(sections.caseEvents),
    figureTable(sections.fewerTouchPoints),
    valueTable(sections.touchPoints),
    valueTable(sections.spending),
    replyTable(sections, lang),
    `<p class="notes">${sections.notes.map(escapeHtml).join('<br>')}</p>`,
  ].join('\n');
  return htmlPage({ lang, title: `${w.documentTitle} – ${subtitle}`, body, css: REPORT_CSS });
}
