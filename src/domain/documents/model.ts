// One document model for the documents famcoord hands to people (familiens plan, referat), and its
// two renderings: Markdown (to paste into a mail or a journal) and a self-contained HTML page that
// prints on A4. Builders describe *what* a document says; these functions decide how it looks, and
// every text they print passes through one escaping function per format.
import { sanitizeLine, sanitizeText } from '../sanitize.js';
import type { Lang } from './labels.js';

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'subheading'; text: string }
  /** Running text: paragraphs separated by blank lines, line breaks kept. */
  | { kind: 'text'; text: string }
  /** A quiet remark such as "nothing here". */
  | { kind: 'note'; text: string }
  /** Label–value pairs. */
  | { kind: 'facts'; facts: Array<[label: string, value: string]> }
  | { kind: 'table'; headers: string[]; rows: string[][] };

export interface DocumentModel {
  lang: Lang;
  title: string;
  subtitle?: string;
  blocks: Block[];
}

export const DOCUMENT_FORMATS = ['md', 'html'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export function renderDocument(doc: DocumentModel, format: DocumentFormat): string {
  return format === 'html' ? renderHtml(doc) : renderMarkdown(doc);
}

// ---- Markdown ---------------------------------------------------------------------------------

// Backslash escapes (CommonMark) keep text from the store literal: a note cannot become a link,
// emphasis, a table cell or raw HTML when the Markdown is rendered.
const markdownInline = (text: string) => sanitizeLine(text).replace(/[\\`*_[\]<>#|&!~]/g, '\\$&');
// At the start of a line, "- ", "+ ", "1. " and "=" would turn a line of minutes into a list or heading.
const markdownLine = (line: string) => markdownInline(line).replace(/^(\s*)([-+=])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');

const paragraphs = (text: string) =>
  sanitizeText(text)
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').map((line) => line.trim()).filter(Boolean))
    .filter((lines) => lines.length > 0);

function markdownBlock(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `## ${markdownInline(block.text)}`;
    case 'subheading':
      return `### ${markdownInline(block.text)}`;
    case 'text':
      // Two trailing spaces: a hard line break, so the minutes keep their lines.
      return paragraphs(block.text).map((lines) => lines.map(markdownLine).join('  \n')).join('\n\n');
    case 'note':
      return `*${markdownInline(block.text)}*`;
    case 'facts':
      return block.facts.map(([label, value]) => `- **${markdownInline(label)}:** ${markdownInline(value)}`).join('\n');
    case 'table': {
      const row = (cells: string[]) => `| ${cells.map(markdownInline).join(' | ')} |`;
      return [row(block.headers), `|${block.headers.map(() => ' --- |').join('')}`, ...block.rows.map(row)].join('\n');
    }
  }
}

export function renderMarkdown(doc: DocumentModel): string {
  const head = [`# ${markdownInline(doc.title)}`, ...(doc.subtitle ? [markdownInline(doc.subtitle)] : [])];
  return `${[...head, ...doc.blocks.map(markdownBlock)].join('\n\n')}\n`;
}

// ---- HTML -------------------------------------------------------------------------------------

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text from the store as HTML text: control characters removed, markup characters escaped. */
export const escapeHtml = (text: string) => sanitizeLine(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);

// A4 with 18 mm margins; serif body for reading, sans-serif headings and table heads. Rows, fact
// lists and paragraphs never split across pages; table heads repeat on each page.
export const PRINT_CSS = `@page { size: A4; margin: 18mm; }
html { font: 11pt/1.45 Georgia, Cambria, "Times New Roman", serif; color: #111; background: #fff; }
body { margin: 0 auto; max-width: 174mm; }
@media screen { body { padding: 12mm 8mm; } }
h1, h2, h3, th, dt, .subtitle { font-family: "Helvetica Neue", Helvetica, Arial, sans-serif; }
h1 { font-size: 20pt; margin: 0 0 2pt; }
.subtitle { margin: 0 0 12pt; color: #444; }
h2 { font-size: 14pt; margin: 16pt 0 6pt; padding-bottom: 2pt; border-bottom: 1pt solid #888; }
h3 { font-size: 12pt; margin: 12pt 0 4pt; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 6pt; orphans: 3; widows: 3; }
.note { font-style: italic; color: #444; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 1pt 10pt; margin: 0 0 8pt; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
table { width: 100%; border-collapse: collapse; margin: 2pt 0 10pt; font-size: 10pt; }
thead { display: table-header-group; }
th, td { text-align: left; vertical-align: top; padding: 3pt 6pt 3pt 0; border-bottom: 0.5pt solid #bbb; overflow-wrap: anywhere; }
th { border-bottom: 1pt solid #555; }
tr, dl.facts, p { break-inside: avoid; page-break-inside: avoid; }
`;

function htmlBlock(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return `<h2>${escapeHtml(block.text)}</h2>`;
    case 'subheading':
      return `<h3>${escapeHtml(block.text)}</h3>`;
    case 'text':
      return paragraphs(block.text)
        .map((lines) => `<p>${lines.map(escapeHtml).join('<br>')}</p>`)
        .join('\n');
    case 'note':
      return `<p class="note">${escapeHtml(block.text)}</p>`;
    case 'facts':
      return `<dl class="facts">\n${block.facts.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('\n')}\n</dl>`;
    case 'table': {
      const head = `<thead><tr>${block.headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
      const body = block.rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`).join('\n');
      return `<table>\n${head}\n<tbody>\n${body}\n</tbody>\n</table>`;
    }
  }
}

/** A self-contained page: no scripts, no external fonts, styles or images (the policy forbids them too). */
export function renderHtml(doc: DocumentModel): string {
  const body = `<h1>${escapeHtml(doc.title)}</h1>
${doc.subtitle ? `<p class="subtitle">${escapeHtml(doc.subtitle)}</p>\n` : ''}${doc.blocks.map(htmlBlock).join('\n')}`;
  return htmlPage({ lang: doc.lang, title: doc.subtitle ? `${doc.title} – ${doc.subtitle}` : doc.title, body });
}

/**
 * The page around a document's body: A4 print styles (and `css` of the document's own), and a
 * policy that lets nothing be fetched, so the page shows the same offline, in a mail or a journal.
 * `title` is text (escaped here); `body` is HTML its caller escaped.
 */
export function htmlPage({ lang, title, body, css = '' }: { lang: Lang; title: string; body: string; css?: string }): string {
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
${PRINT_CSS}${css}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
