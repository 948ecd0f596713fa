// What a command is given as FILE, or - for standard input (a batch, --from-json): read whole, up to
// a limit, and decoded as UTF-8. The limit is checked before a file is read (its size) and while
// bytes arrive (a pipe has no size), so a 1 GB stream is refused at the limit, not held in memory.
// node:fs only: fs/promises brings streams, readline and watchers (~20 M instructions), and every
// command that takes --from-json (goal, contact, ...) imports this module (issue 19).
import { createReadStream, readSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { nestingProblem } from '../domain/nesting.js';
import { sanitizeLine } from '../domain/sanitize.js';
import { describeIoError } from '../store/errors.js';
import { describeJsonError } from '../store/jsonStore.js';
import { UsageError } from './errors.js';

/** The largest batch famcoord reads: 256 MB is over a million operations. */
export const MAX_BATCH_BYTES = 256 * 1024 * 1024;

/**
 * The limit in force. FAMCOORD_TEST_MAX_INPUT_BYTES lowers it, for tests only: they check the
 * limit with a few kilobytes instead of writing 256 MB. It can never raise it.
 */
export function inputLimit(limit: number, env: NodeJS.ProcessEnv = process.env): number {
  const lowered = Number(env.FAMCOORD_TEST_MAX_INPUT_BYTES);
  return Number.isInteger(lowered) && lowered > 0 ? Math.min(lowered, limit) : limit;
}

/** "256 MB", "64 KB", "100 bytes". */
export function describeSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.floor(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${Math.floor(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

export interface InputSource {
  /** The FILE argument, or - for standard input. */
  file: string;
  /** What it is, for messages: "batch", "--from-json". */
  what: string;
  limit: number;
}

/** `where` for messages: "the batch file NAME" or "the batch on standard input", the name made safe to print. */
export function describeSource({ file, what }: Pick<InputSource, 'file' | 'what'>): string {
  return file === '-' ? `the ${what} on standard input` : `the ${what} file ${sanitizeLine(file)}`;
}

/** The bytes of a file or of standard input; a UsageError when it cannot be read or is larger than the limit. */
export async function readInputBytes(source: InputSource): Promise<Buffer> {
  const where = describeSource(source);
  const limit = describeSize(source.limit);
  /** `size` when it is known (a file's); a stream is only known to be larger than the limit. */
  const tooLarge = (size?: number) =>
    new UsageError(
      `${where} is ${size === undefined ? '' : `${describeSize(size)}, `}larger than ${limit}, the most a ${source.what} may be: split it into smaller ones; nothing was written`,
    );
  const chunks: Buffer[] = [];
  let total = 0;
  const take = (chunk: Buffer) => {
    total += chunk.length;
    // A file may grow after its size was read, and a pipe has none: stop at the limit.
    if (total > source.limit) throw tooLarge();
    chunks.push(chunk);
  };
  let stream: NodeJS.ReadableStream;
  if (source.file === '-') {
    // Read by read(2) while it blocks: Node's stdin stream (a socket for the pipes a program's
    // child gets) costs ~50 M instructions to build. Standard input that another process made
    // non-blocking (EAGAIN) is read on through the stream, after what was read here.
    if (readStdinDirectly(take)) return Buffer.concat(chunks, total);
    stream = process.stdin;
  } else {
    try {
      const { size } = statSync(source.file);
      if (size > source.limit) throw tooLarge(size);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`cannot read ${where}: ${describeIoError(error)}`);
    }
    stream = createReadStream(source.file);
  }
  try {
    for await (const chunk of stream) take(chunk as Buffer);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${where}: ${describeIoError(error)}`);
  }
  return Buffer.concat(chunks, total);

  /** Standard input to its end by read(2), each piece to `taken`; false when it would block. */
  function readStdinDirectly(taken: (chunk: Buffer) => void): boolean {
    const piece = Buffer.allocUnsafe(64 * 1024);
    for (;;) {
      let read: number;
      try {
        read = readSync(0, piece, 0, piece.length, null);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return false;
        if ((error as NodeJS.ErrnoException).code === 'EOF') return true; // Windows: the pipe's writer closed it
        throw new UsageError(`cannot read ${where}: ${describeIoError(error)}`);
      }
      if (read === 0) return true;
      taken(Buffer.from(piece.subarray(0, read)));
    }
  }
}

const NEWLINE = 0x0a;

/**
 * The text of UTF-8 bytes (a byte order mark at the start is skipped, as Windows editors write
 * one), and the 1-based numbers of the lines that are not UTF-8; those lines come out empty.
 */
export function decodeUtf8Lines(bytes: Buffer): { text: string; badLines: number[] } {
  const skippingBom = new TextDecoder('utf-8', { fatal: true });
  try {
    return { text: skippingBom.decode(bytes), badLines: [] };
  } catch {
    // Look for the bad lines only when there are some: decoding line by line is slower.
  }
  const keepingBom = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }); // past the start, U+FEFF is text
  const lines: string[] = [];
  const badLines: number[] = [];
  for (let start = 0; start <= bytes.length; ) {
    const end = bytes.indexOf(NEWLINE, start);
    const stop = end < 0 ? bytes.length : end;
    try {
      lines.push((start === 0 ? skippingBom : keepingBom).decode(bytes.subarray(start, stop)));
    } catch {
      badLines.push(lines.length + 1);
      lines.push('');
    }
    start = stop + 1;
  }
  return { text: lines.join('\n'), badLines };
}

/** The --from-json option of the commands that add personal data, for `.option(...FROM_JSON_OPTION)`. */
export const FROM_JSON_OPTION = [
  '--from-json <FILE|->',
  'the fields as a JSON object in a file, or - for standard input, instead of the flags: keeps names off the command line, where other users can see them (ps)',
] as const;

/** The largest --from-json object: one family, goal or contact is a few kilobytes. */
export const MAX_FROM_JSON_BYTES = 1024 * 1024;

/**
 * The fields of one operation from a JSON object in FILE or on standard input (--from-json FILE|-),
 * or undefined without --from-json. Names typed on the command line are visible to every user of
 * the machine (`ps`); a file or a pipe is not. The fields are those of the operation in a batch
 * line; `op` and the fields the command's arguments give (`inArguments`) are left out, and no
 * other flag may be given with it. The operation's schema then checks the fields.
 */
export async function fieldsFromJson(command: Command, file: string | undefined, inArguments: readonly string[] = []): Promise<Record<string, unknown> | undefined> {
  if (file === undefined) return undefined;
  for (const option of command.options) {
    const key = option.attributeName();
    if (key !== 'fromJson' && command.getOptionValueSource(key) === 'cli')
      throw new UsageError(`--from-json gives every field: leave out ${option.long}, and put it in the JSON object`);
  }
  const { text, badLines } = decodeUtf8Lines(await readInputBytes({ file, what: '--from-json', limit: inputLimit(MAX_FROM_JSON_BYTES) }));
  if (badLines.length > 0) throw new UsageError(`--from-json: line ${badLines[0]} is not UTF-8 text; save it as UTF-8`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--from-json: not valid JSON ${describeJsonError(error, text)}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new UsageError('--from-json must hold one JSON object of the fields, e.g. {"name": "Familien Jensen"}');
  const deep = nestingProblem(data);
  if (deep) throw new UsageError(`--from-json: ${deep.path}: ${deep.message}`);
  for (const field of ['op', ...inArguments])
    if (Object.hasOwn(data, field)) throw new UsageError(`--from-json: leave out ${field}: ${field === 'op' ? 'the command names the operation' : 'the command line gives it'}`);
  return data as Record<string, unknown>;
}
