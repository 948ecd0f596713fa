// Standard output without Node's stream when a plain write will do (issue 19). Node builds
// process.stdout the first time it is named: over a pipe, a net.Socket with the net module, its
// handles and its performance hooks (~20 M instructions, as many for stderr), for a command that
// then writes its answer once. Into a pipe, a socket or a file, famcoord writes with write(2) instead, while
// nothing has built the stream; a terminal, a socket, or stdout once built keeps Node's stream.
import { EventEmitter } from 'node:events';
import { fstatSync, writeSync } from 'node:fs';
import type { Lang } from './context.js';

type StdioName = 'stdout' | 'stderr';

/** What a command writes its answer to: a stream, told whether it is a terminal (whose text is sanitised). */
export type Output = NodeJS.WritableStream & { isTTY?: boolean };

/** Whether process.stdout is watched (the real process, see main.ts) and not yet built; undefined when not watched. */
let stdoutUnbuilt: boolean | undefined;

/** Whether a write failed because its reader went away: `famcoord today | head`, or the terminal closed. */
export function readerGone(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EPIPE' || code === 'EIO';
}

/**
 * Stops as Unix tools do when the reader went away: quietly, with the code the command had, instead
 * of a stack trace. Nothing is half-written, since output comes after any change.
 */
export function stopQuietly(): never {
  process.exit(process.exitCode ?? 0);
}

/** The language of the text output, as run.ts resolves it from the parsed command line (English until then). */
let outputLang: () => Lang = () => 'en';

export function setOutputLang(lang: () => Lang): void {
  outputLang = lang;
}

/**
 * Any other failure to write the answer (a full disk, /dev/full): one line on descriptor 2, not a
 * stack trace with the program's source in it, and exit 1, so a script sees the answer is missing.
 * Only the error's code is named. A change the command made before its output is saved all the same.
 */
export function outputFailed(error: unknown): never {
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? 'unknown';
  const line = outputLang() === 'da' ? `famcoord: svaret kunne ikke skrives (${code})\n` : `famcoord: the output could not be written (${code})\n`;
  try {
    writeSync(2, line);
  } catch {
    // stderr failed too: the exit code is all that is left to say it
  }
  process.exit(1);
}

/**
 * Calls `prepare` with process[name] when something first names it (Node builds the stream then)
 * rather than naming it now; from then on process[name] is Node's own property again.
 */
function whenBuilt(name: StdioName, prepare: (stream: NodeJS.WriteStream) => void): void {
  const own = Object.getOwnPropertyDescriptor(process, name);
  const build = own?.get;
  if (!own?.configurable || !build) {
    prepare(process[name]);
    return;
  }
  Object.defineProperty(process, name, {
    configurable: true,
    enumerable: own.enumerable ?? true,
    get() {
      Object.defineProperty(process, name, own);
      const stream = build.call(process) as NodeJS.WriteStream;
      prepare(stream);
      return stream;
    },
  });
}

/**
 * For the famcoord process (main.ts): stdout and stderr get their reader-gone handling when they
 * are built, and until stdout is, `standardOutput` may write to it directly.
 */
export function watchStdio(): void {
  for (const name of ['stdout', 'stderr'] as const)
    whenBuilt(name, (stream) => {
      if (name === 'stdout') stdoutUnbuilt = false;
      stream.on('error', (error: NodeJS.ErrnoException) => {
        if (readerGone(error)) stopQuietly();
        outputFailed(error);
      });
    });
  stdoutUnbuilt = true;
}

/**
 * Whether descriptor 1 is a pipe, a socket or a regular file, where write(2) is all Node's stream
 * would do. A shell's pipe is a FIFO; the "pipes" Node and libuv give a child are socket pairs.
 */
function plainStdout(): boolean {
  try {
    const stats = fstatSync(1);
    return stats.isFIFO() || stats.isSocket() || stats.isFile();
  } catch {
    return false; // closed: Node's stream says what it says about that
  }
}

/**
 * Standard output by write(2). A pipe another process made non-blocking may be full (EAGAIN): the
 * rest then goes through Node's stream, which waits for the reader, as does everything after it,
 * in order (this output's 'drain' is the stream's).
 */
class DirectOutput extends EventEmitter implements NodeJS.WritableStream {
  readonly isTTY = false;
  writable = true;
  private stream?: NodeJS.WriteStream;

  write(chunk: string | Uint8Array, encoding?: BufferEncoding | ((error?: Error | null) => void), done?: (error?: Error | null) => void): boolean {
    const callback = typeof encoding === 'function' ? encoding : done;
    // Once Node's stream exists (built here or by anyone), it alone writes: it may hold bytes not yet written.
    if (this.stream || stdoutUnbuilt !== true) return this.streamed().write(chunk, callback);
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : chunk;
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(1, bytes, written);
    } catch (error) {
      if (readerGone(error)) stopQuietly();
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') outputFailed(error);
      return this.streamed().write(bytes.subarray(written), callback);
    }
    if (callback) process.nextTick(callback);
    return true;
  }

  end(...args: unknown[]): this {
    const [chunk] = args;
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) this.write(chunk);
    return this; // standard output stays open until the process ends
  }

  private streamed(): NodeJS.WriteStream {
    if (!this.stream) {
      this.stream = process.stdout;
      this.stream.on('drain', () => this.emit('drain'));
    }
    return this.stream;
  }
}

let direct: DirectOutput | undefined;

/** Where a command's answer goes: process.stdout, or (see above) write(2) to descriptor 1. */
export function standardOutput(): Output {
  if (direct) return direct;
  if (stdoutUnbuilt !== true || !plainStdout()) return process.stdout;
  direct = new DirectOutput();
  return direct;
}
