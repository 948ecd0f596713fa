// Headless Chromium for tests that print a page to PDF and read its text back (the HTML report).
// Debian's `chromium` (FAMCOORD_TEST_CHROMIUM names another binary). Without one, the tests are
// skipped with one line saying why; with CI set, that is a failure (.ci/run installs it), as for
// PostgreSQL (tests/helpers/pgServer.ts). The text is read with pdftotext (poppler-utils) when it
// is installed, which reads what was printed; otherwise from Chromium's own --dump-dom.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The first of `names` found on PATH, as a path. */
function onPath(...names: string[]): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter))
    for (const name of names) {
      const path = join(dir, name);
      try {
        accessSync(path, constants.X_OK);
        return path;
      } catch {
        // not here
      }
    }
  return undefined;
}

export const chromiumBinary: string | undefined = process.env.FAMCOORD_TEST_CHROMIUM || onPath('chromium', 'chromium-browser');
const pdftotext = onPath('pdftotext');
const pdfinfo = onPath('pdfinfo');

/** Why the Chromium tests cannot run, or undefined when they can. */
export const chromiumSkipReason: string | undefined = chromiumBinary ? undefined : 'no chromium on PATH (Debian: apt-get install chromium) and FAMCOORD_TEST_CHROMIUM not set';
if (chromiumSkipReason) {
  if (process.env.CI) throw new Error(`the HTML report's Chromium tests cannot run: ${chromiumSkipReason} (CI is set, so this is a failure; .ci/run installs it)`);
  console.warn(`Chromium tests skipped: ${chromiumSkipReason}`);
}

/** Rendering may be slow on a loaded 2-core machine: a guard against a hung browser, not a speed limit. */
const CHROMIUM_TIMEOUT_MS = 120_000;

function runChromium(args: string[]): string {
  // A private, throwaway profile, so no run shares or leaves a profile behind; as root, Chromium
  // refuses to start without --no-sandbox.
  const profile = mkdtempSync(join(tmpdir(), `famcoord-chromium-${process.pid}-`));
  try {
    return execFileSync(
      chromiumBinary as string,
      [
        '--headless',
        ...(userInfo().uid === 0 ? ['--no-sandbox'] : []),
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-extensions',
        `--user-data-dir=${profile}`,
        ...args,
      ],
      { encoding: 'utf8', timeout: CHROMIUM_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

export interface Printed {
  /** The printed text (pdftotext, in the page's reading order: a table's cells one after another), or the page's text from its DOM without pdftotext. */
  text: string;
  /** pdfinfo's "Page size" line when poppler-utils is installed, e.g. "595.276 x 841.89 pts (A4)". */
  pageSize: string | undefined;
  pages: number | undefined;
}

/** Prints an HTML file to `pdf` with headless Chromium and reads back what it printed. */
export function printToPdf(html: string, pdf: string): Printed {
  const url = pathToFileURL(html).href;
  runChromium(['--no-pdf-header-footer', `--print-to-pdf=${pdf}`, url]);
  if (!pdftotext) {
    const dom = runChromium(['--dump-dom', url]);
    const text = dom.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
    return { text, pageSize: undefined, pages: undefined };
  }
  const text = execFileSync(pdftotext, [pdf, '-'], { encoding: 'utf8' });
  const info = pdfinfo ? execFileSync(pdfinfo, [pdf], { encoding: 'utf8' }) : '';
  const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'm').exec(info)?.[1]?.trim();
  const pages = field('Pages');
  return { text, pageSize: field('Page size'), pages: pages === undefined ? undefined : Number(pages) };
}
