// Writing a document (a plan, minutes, a calendar) to a file of the user's: private (0600, a new
// folder 0700), atomic, and never through a link or over a folder. The CLI's --out and the
// workbench's `w` both write this way; each first asks outputProblem whether the path is the
// store or a file beside it, and says so in its own words.
import { promises as fs } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { sanitizeLine } from '../domain/sanitize.js';
import { describeIoError, StoreError } from './errors.js';
import { fileInTheWayError } from './pathGuard.js';
import { ensurePrivateDir, writeFileAtomic } from './safeFile.js';

/** Writes `text` to `out` and returns the absolute path written. StoreError('io') when it cannot. */
export async function writePrivateOutput(out: string, text: string | AsyncIterable<string>): Promise<string> {
  const path = resolve(out);
  const blocked = await fileInTheWayError(path);
  if (blocked) throw blocked;
  // A link in the file's place is refused, never replaced or followed: it may point anywhere.
  const existing = await fs.lstat(path).catch(() => undefined);
  if (existing !== undefined && !existing.isFile())
    throw new StoreError('io', `${sanitizeLine(path)} is ${existing.isSymbolicLink() ? 'a link' : 'not a regular file'}; nothing was written. Give a file name of its own`);
  try {
    await ensurePrivateDir(dirname(path));
    await writeFileAtomic(path, typeof text === 'string' ? [text] : text);
  } catch (error) {
    if (error instanceof StoreError) throw error; // the store, read as the document was written, is at fault
    throw new StoreError('io', `could not write ${sanitizeLine(path)}: ${describeIoError(error)}; give a file in a folder you can write to`);
  }
  return path;
}
