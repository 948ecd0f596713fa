// What the document commands (plan, minutes, calendar, export) share: the format and language
// flags, and delivering the text to stdout or to a private file.
import { dirname, extname, resolve } from 'node:path';
import type { Command } from 'commander';
import { DOCUMENT_FORMATS, type DocumentFormat } from '../domain/documents/model.js';
import { sanitizeLine } from '../domain/sanitize.js';
import { describeIoError, StoreError } from '../store/errors.js';
import { ensurePrivateDir, writeFileAtomic } from '../store/safeFile.js';
import { langFrom, type CliContext, type GlobalOptions, type Lang } from './context.js';
import { UsageError } from './errors.js';
import { writePieces } from './jsonOutput.js';

/** --format wins; otherwise an --out file ending in .html or .htm is HTML; otherwise Markdown. */
export function documentFormat(flag: string | undefined, out: string | undefined): DocumentFormat {
  if (flag !== undefined) {
    if ((DOCUMENT_FORMATS as readonly string[]).includes(flag)) return flag as DocumentFormat;
    throw new UsageError('--format must be md or html, e.g. --format html');
  }
  return out !== undefined && /^\.html?$/i.test(extname(out)) ? 'html' : 'md';
}

/** Documents go to Danish families and networks: Danish unless --lang says otherwise (LANG does not). */
export function documentLang(command: Command): Lang {
  const flag = command.optsWithGlobals<GlobalOptions>().lang;
  return flag === undefined ? 'da' : langFrom(flag, {});
}

/**
 * Prints the document, or writes it to `out` (0600, its folder created 0700) and says where; never
 * over the store or a file beside it (its log, backups, lock). A long document comes in pieces
 * (`what` is then asked for once they have all been written).
 */
export async function deliverDocument(ctx: CliContext, text: string | AsyncIterable<string>, out: string | undefined, what: string | (() => string)): Promise<void> {
  if (out === undefined) return typeof text === 'string' ? ctx.print(text) : writePieces(text, process.stdout);
  const path = resolve(out);
  const store = resolve((await ctx.openStore()).path);
  if (path === store || path.startsWith(`${store}.`)) throw new UsageError('--out must not be the store or a file beside it, e.g. --out familie-f3.json');
  try {
    await ensurePrivateDir(dirname(path));
    await writeFileAtomic(path, typeof text === 'string' ? [text] : text);
  } catch (error) {
    throw new StoreError('io', `could not write ${sanitizeLine(path)}: ${describeIoError(error)}; give --out a file in a folder you can write to`);
  }
  if (ctx.json) await ctx.printJson({ ok: true, file: path });
  else ctx.print(`Wrote ${typeof what === 'string' ? what : what()} to ${sanitizeLine(path)} (readable only by you)`);
}
