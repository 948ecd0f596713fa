// The audit log as a hash chain, the same for both backends. Each entry carries `prev`: the
// SHA-256 of the previous entry's JSON text (the text as written: a JSON log's line, an encrypted
// log's line once unsealed, a SQLite row's `entry`), or CHAIN_START for the first. Beside an
// encrypted store `prev` sits inside the sealed line, so a line cannot be deleted, replayed or
// moved without the key and without breaking the link of the line after it. Step numbers must
// rise strictly, so a replayed step is caught even where it comes last (its link is then to a
// line it follows, but its number goes back). What the chain cannot see: the log cut short at its
// end, and, in a plaintext log, a rewrite by someone who recomputes every link (the file is 0600).
//
// A log written before chaining has entries without `prev`; the chain starts at the first entry
// that has one, and from there on every entry must. Erasing a family rewrites the log (its data
// leaves every entry): the scrub relinks the entries it rewrites, under the store's lock.
import { nodeCrypto } from './nodeCrypto.js';
import type { AuditEntry } from './auditLog.js';

/** `prev` of a log's first entry. */
export const CHAIN_START = 'start';

/**
 * An entry's JSON text as stored: the text, or (a SQLite row read for an append) its UTF-8 bytes,
 * given only when they are valid UTF-8, so they are the bytes the text is hashed as. A batch's
 * entry is hundreds of kilobytes, and neither its link nor the replay check needs it decoded.
 */
export type EntryText = string | Buffer;

/** The link to an entry: the SHA-256 of its JSON text (as UTF-8), hex. */
export function linkTo(text: EntryText | undefined): string {
  if (text === undefined) return CHAIN_START;
  const hash = nodeCrypto().createHash('sha256');
  return (typeof text === 'string' ? hash.update(text, 'utf8') : hash.update(text)).digest('hex');
}

/**
 * The entries' JSON texts, each chained entry linked to the text before it (`before`: the text of
 * the entry preceding the first). An entry from before chaining stays as it was.
 */
export function chainedTexts(entries: readonly AuditEntry[], before?: string): string[] {
  let previous = before;
  return entries.map((entry) => {
    const text = JSON.stringify(entry.prev === undefined ? entry : { ...entry, prev: linkTo(previous) });
    previous = text;
    return text;
  });
}

export interface ChainCheck {
  /** The first step that carries a link; undefined when no entry does (a log from before chaining, or empty). */
  chainedFrom?: number;
  /** Where the chain first breaks ("step 3: …"), and why; names steps, never data. */
  broken?: string;
  /** Entries read. */
  entries: number;
  /** Entries before the chain starts (written before chaining). */
  unchained: number;
  /** The break is a step whose number does not rise: a replayed or moved line. */
  replayed?: boolean;
}

/** One entry of a log as stored: its JSON text (undefined: it cannot be read) and, in SQLite, its row's step. */
export interface StoredEntry<Text extends EntryText = string> {
  text: Text | undefined;
  rowStep?: number;
}

/**
 * Checks the chain of a log's entries, oldest first; stops at the first break. `after` is the
 * entry before the first (it must be readable), when the check starts in the middle of the log.
 */
export function verifyChain(stored: Iterable<StoredEntry>, after?: { text: string }): ChainCheck {
  const start = after && (JSON.parse(after.text) as AuditEntry);
  let previous = start && { text: after.text, step: start.step };
  let chainedFrom = start?.prev !== undefined ? start.step : undefined;
  let entries = 0;
  let unchained = 0;
  const following = () => (previous ? `after step ${previous.step}` : 'at the start');
  const lineBefore = () => (previous ? `step ${previous.step}` : 'the start of the log');
  for (const { text, rowStep } of stored) {
    const entry = text === undefined ? undefined : parsed(text);
    if (!entry || typeof entry.step !== 'number') return { chainedFrom, entries, unchained, broken: `the line ${following()}: it cannot be read, so the chain cannot be followed past it` };
    entries++;
    if (rowStep !== undefined && rowStep !== entry.step) return { chainedFrom, entries, unchained, broken: `row ${rowStep}: it holds step ${entry.step}, a replayed or moved step` };
    if (previous && entry.step <= previous.step) return { chainedFrom, entries, unchained, replayed: true, broken: stepGoesBack(entry.step, following()) };
    if (entry.prev === undefined) {
      if (chainedFrom === undefined) unchained++;
      else return { chainedFrom, entries, unchained, broken: `step ${entry.step}: it carries no link to the step before it (an inserted or replaced line)` };
    } else {
      chainedFrom ??= entry.step;
      if (entry.prev !== linkTo(previous?.text))
        return { chainedFrom, entries, unchained, broken: `step ${entry.step}: it does not follow on from ${lineBefore()}; a line between them was deleted, or one was replayed or changed` };
    }
    previous = { text: text as string, step: entry.step };
  }
  return { chainedFrom, entries, unchained };
}

/** What doctor says about a log's chain: a problem, or a note that older steps are not chained. */
export function describeChain(what: string, check: ChainCheck): { problem?: string; note?: string } {
  if (check.broken) return { problem: `the ${what}'s chain breaks at ${check.broken}` };
  if (check.entries === 0) return {};
  if (check.chainedFrom === undefined) return { note: `the ${what} was written before steps were chained; the next change starts the chain` };
  return check.unchained > 0 ? { note: `the ${what} is chained from step ${check.chainedFrom} (older steps were written before chaining)` } : {};
}

/**
 * What a change checks before it appends, cheaply (doctor follows the whole chain): whether the
 * log's last entry is a replayed or moved one, whose number does not rise above the entry before
 * it. A step appended after it would repeat a step number that undo and redo go by. Undefined
 * when it is not, or when it cannot be read (doctor reports that). A replay of several lines in
 * their order, or anything else that breaks the chain further back, is found by doctor only.
 */
export function replayedLastEntry(before: StoredEntry<EntryText> | undefined, last: StoredEntry<EntryText>): string | undefined {
  // verifyChain's test of the order alone: a link that does not match is a break further back,
  // which is doctor's to find, and hashing the entry before cost as much.
  if (before?.text === undefined || last.text === undefined) return undefined; // the first entry, or unreadable: doctor reports it
  // Usually the steps are told from the texts' starts, and the last rises: nothing to refuse,
  // whether or not the texts parse. Parsing the two (after a batch and its undo, ~230 KB each) was
  // a fifth of a batch's own cost (issue 19). Otherwise each is parsed once, as verifyChain reads them.
  const lastStep = leadingStep(last.text);
  const stepBefore = leadingStep(before.text);
  if (lastStep !== undefined && stepBefore !== undefined && lastStep > stepBefore) return undefined;
  const entry = parsed(last.text);
  if (!entry || typeof entry.step !== 'number') return undefined; // unreadable: doctor reports it
  const previous = parsed(before.text);
  return previous && entry.step <= previous.step ? stepGoesBack(entry.step, `after step ${previous.step}`) : undefined;
}

/** The start of an entry's text as famcoord writes it: its step first (auditEntryFor). */
const LEADING_STEP = /^\{"step":(\d+)[,}]/;

/**
 * The `step` JSON.parse would read from an entry's text, told from its start without parsing:
 * the text starts `{"step":N,` and holds no other `"step"`, nor a `\u` escape that could spell
 * one, so no later key overrides N. Undefined when it cannot be told so. Whether the text parses
 * at all is not known here: a refusal is only ever made on the parsed entries.
 */
export function leadingStep(text: EntryText): number | undefined {
  const match = LEADING_STEP.exec(typeof text === 'string' ? text.slice(0, 32) : text.toString('latin1', 0, 32));
  if (!match) return undefined;
  const after = match[0].length;
  return text.indexOf('"step"', after) < 0 && text.indexOf('\\u', after) < 0 ? Number(match[1]) : undefined;
}

/** An entry's JSON, parsed; undefined when it does not parse. */
function parsed(text: EntryText): AuditEntry | undefined {
  try {
    return JSON.parse(typeof text === 'string' ? text : text.toString('utf8')) as AuditEntry;
  } catch {
    return undefined;
  }
}

/** Where the chain breaks at a step whose number does not rise above the one it follows. */
const stepGoesBack = (step: number, following: string) => `step ${step}: it comes ${following}, a replayed or moved step`;

/** The refusal of a change after a replayed last entry (see replayedLastEntry). */
export function replayedLogMessage(log: string, broken: string): string {
  return `the ${log} ends with a line that breaks its chain at ${broken}; nothing was changed. Run famcoord doctor, which sets the line aside`;
}

/** Doctor's repair of it: what was taken out of the log, and where it is kept. */
export function replaySetAsideMessage(broken: string, aside: string): string {
  return `took a replayed or moved last step out of the audit log (${broken}), into ${aside}`;
}
