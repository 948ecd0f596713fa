// --json output: JSON.stringify(value, null, 2) with C1, BiDi and invisible characters escaped
// (escapeJsonControls: the same data, safe to show on a terminal), written in slices. `today --json` on a
// municipality's store answers with hundreds of thousands of items; as one string (and the bytes
// made from it to write) that was tens of megabytes more memory than the answer itself needs, and
// into a pipe (`famcoord today --json | jq`) Node kept whatever the reader had not yet taken.
import { once } from 'node:events';
import { escapeJsonControls, JSON_UNSAFE_LEAD_BYTES } from '../domain/sanitize.js';

const SLICE = 64 * 1024;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** What JSON.stringify keeps of an object's entry. */
const serializable = (value: unknown) => value !== undefined && typeof value !== 'function' && typeof value !== 'symbol';

/** Items of a long array stringified at a time: few enough to stay small, many enough to stay fast. */
const ITEMS_AT_A_TIME = 256;

/**
 * Items of an array at `depth` as JSON.stringify(…, null, 2) writes them there, one a line, each
 * indented to its place: the items wrapped in as many arrays as the depth, so that JSON.stringify
 * itself indents them (moving each line in afterwards was another pass over the whole text).
 */
function indentedItems(items: unknown[], depth: number): string {
  let wrapped: unknown = items;
  // "[\n", "  [\n", … before the items; "\n  ]", "\n]" after them: 2 + 4 + … characters each way
  let brackets = 0;
  for (let level = 0; level <= depth; level++) {
    if (level > 0) wrapped = [wrapped];
    brackets += 2 * level + 2;
  }
  return JSON.stringify(wrapped, null, 2).slice(brackets, -brackets);
}

/** The text of `value` as escapeJsonControls(JSON.stringify(value, null, 2)) gives it, in pieces: the outer arrays a few hundred items at a time. */
export function prettyJson(value: unknown, depth = 0): Generator<string> {
  return jsonPieces(value, depth, escapeJsonControls);
}

const asItIs = (json: string) => json;

/** prettyJson's pieces, each JSON text passed through `escape` (asItIs, where the writer escapes whole slices). */
function* jsonPieces(value: unknown, depth: number, escape: (json: string) => string): Generator<string> {
  const pad = '  '.repeat(depth);
  if (depth < 2 && Array.isArray(value) && value.length > 0) {
    yield '[';
    for (let from = 0; from < value.length; from += ITEMS_AT_A_TIME)
      yield `${from > 0 ? ',' : ''}\n${escape(indentedItems(value.slice(from, from + ITEMS_AT_A_TIME), depth))}`;
    yield `\n${pad}]`;
  } else if (depth < 2 && isPlainObject(value) && Object.values(value).some(serializable)) {
    yield '{';
    let first = true;
    for (const [key, item] of Object.entries(value)) {
      if (!serializable(item)) continue;
      yield `${first ? '' : ','}\n${pad}  ${escape(JSON.stringify(key))}: `;
      yield* jsonPieces(item, depth + 1, escape);
      first = false;
    }
    yield `\n${pad}}`;
  } else {
    yield escape(JSON.stringify(value, null, 2) ?? 'null').replaceAll('\n', `\n${pad}`);
  }
}

/**
 * A slice of JSON text as the UTF-8 bytes of escapeJsonControls(text): the bytes are made to be
 * written anyway, and escaping (a regular expression over every character) is needed only when
 * they hold a byte one of its characters begins with, which most answers never do.
 */
function escapedJsonBytes(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  return JSON_UNSAFE_LEAD_BYTES.some((lead) => bytes.includes(lead)) ? Buffer.from(escapeJsonControls(text), 'utf8') : bytes;
}

/**
 * The text of escapeJsonControls(JSON.stringify(value, null, 2)) where the array under `key` comes one item at a time
 * (`value` holds a placeholder there, which fixes the key's place): `export --all` of a
 * municipality's store is more text than one string can hold.
 */
export async function* prettyJsonStreaming(value: Record<string, unknown>, key: string, items: AsyncIterable<unknown>): AsyncGenerator<string> {
  yield '{';
  let first = true;
  for (const [name, item] of Object.entries(value)) {
    if (name !== key && !serializable(item)) continue;
    yield `${first ? '' : ','}\n  ${escapeJsonControls(JSON.stringify(name))}: `;
    first = false;
    if (name !== key) {
      yield* prettyJson(item, 1);
      continue;
    }
    let count = 0;
    for await (const element of items) yield `${count++ > 0 ? ',' : '['}\n    ${escapeJsonControls(JSON.stringify(element, null, 2) ?? 'null').replaceAll('\n', '\n    ')}`;
    yield count > 0 ? '\n  ]' : '[]';
  }
  yield first ? '}' : '\n}';
}

/** Writes a slice; when the stream holds more than it wants (a slow pipe), waits until it has drained. */
async function writeSlice(out: NodeJS.WritableStream, slice: string | Uint8Array): Promise<void> {
  if (!out.write(slice)) await once(out, 'drain');
}

/** Writes text that comes in pieces, in slices of about 64 KB, each as `slice` makes it (the text as it is, by default). */
export async function writePieces(pieces: Iterable<string> | AsyncIterable<string>, out: NodeJS.WritableStream, slice: (text: string) => string | Uint8Array = asItIs): Promise<void> {
  let pending = '';
  for await (const piece of pieces) {
    pending += piece;
    if (pending.length >= SLICE) {
      await writeSlice(out, slice(pending));
      pending = '';
    }
  }
  await writeSlice(out, slice(pending));
}

/** Writes `value` as indented JSON (escapeJsonControls applied) and a newline, in slices of about 64 KB. */
export async function writeJson(value: unknown, out: NodeJS.WritableStream): Promise<void> {
  await writePieces(
    (function* () {
      yield* jsonPieces(value, 0, asItIs);
      yield '\n';
    })(),
    out,
    escapedJsonBytes,
  );
}
