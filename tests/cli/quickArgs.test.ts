// `famcoord today` is parsed without commander when its command line is in the plainest form
// (src/cli/quickArgs.ts): what the pre-parser accepts, commander must parse to the same options,
// and a refusal must read the same whichever of the two parsed the line.
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GlobalOptions } from '../../src/cli/context.js';
import { buildProgram } from '../../src/cli/program.js';
import { commandAndStore, quickToday } from '../../src/cli/quickArgs.js';
import { sandbox, type Sandbox } from '../helpers/cli.js';

const argv = (...words: string[]) => ['node', 'famcoord', ...words];

/** `count` command lines of 1 to 7 words from `pool`, the same for the same seed. */
function* randomLines(pool: readonly string[], seed: number, count: number): Generator<string[]> {
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  for (let i = 0; i < count; i++) yield Array.from({ length: 1 + random(7) }, () => pool[random(pool.length)] as string);
}

/** What commander makes of `words`: the command whose action ran and its options with the globals. */
async function commanderParse(words: string[]): Promise<{ command: string; options: GlobalOptions }> {
  const program = await buildProgram(argv(...words));
  let parsed: { command: string; options: GlobalOptions } | undefined;
  const capture = (_options: unknown, command: Command) => {
    parsed = { command: command.name(), options: { ...command.optsWithGlobals<GlobalOptions>() } };
  };
  for (const command of program.commands) command.action(capture);
  program.action(capture);
  await program.parseAsync(argv(...words));
  if (!parsed) throw new Error('no action ran');
  return parsed;
}

describe('quickToday', () => {
  it('takes today with each global option, before or after the command, as commander does', async () => {
    const lines = [
      ['today'],
      ['today', '--json'],
      ['--json', 'today'],
      ['today', '--json', '--store', 's.json', '--date', '2026-11-24'],
      ['--store', 'today', 'today', '--date', '2026-11-24', '--json'],
      ['--lang', 'da', 'today', '--caseload', 'Hanne Kjær'],
      ['today', '--caseload', '  '],
      ['today', '--date', 'tomorrow', '--lang', 'xx'],
      ['--caseload', 'today', 'today', '--store', 'x.sqlite'],
    ];
    for (const words of lines) {
      const quick = quickToday(argv(...words));
      expect(quick, words.join(' ')).toBeDefined();
      expect(await commanderParse(words), words.join(' ')).toEqual({ command: 'today', options: quick });
    }
  });

  it('leaves every other line to commander', () => {
    const others = [
      [],
      ['families'],
      ['today', 'extra'],
      ['today', 'today'],
      ['--json'],
      ['today', '--json', '--json'],
      ['today', '--store=s.json'],
      ['today', '--store'],
      ['today', '--store', ''],
      ['today', '--store', '-'],
      ['today', '--date', '--json'],
      ['today', '--store', 'a', '--store', 'b'],
      ['today', '--help'],
      ['today', '-h'],
      ['help', 'today'],
      ['--version', 'today'],
      ['-V'],
      ['today', '--'],
      ['--', 'today'],
      ['today', '--caseload'],
      ['today', '--unknown'],
      ['today', '-j'],
      ['Today'],
      ['today', '--JSON'],
      ['today', '--toString', 'x'],
    ];
    for (const words of others) expect(quickToday(argv(...words)), words.join(' ')).toBeUndefined();
  });

  it('agrees with commander on every line it takes among many mixed ones', async () => {
    const pool = ['today', 'today', '--json', '--store', 's.json', '--date', '2026-11-24', '--lang', 'en', '--caseload', 'Ann', '-x', '--store=x', '', '--help', 'families', '--', '--json'];
    let taken = 0;
    for (const words of randomLines(pool, 19, 20_000)) {
      const quick = quickToday(argv(...words));
      if (quick === undefined) continue;
      taken++;
      expect(await commanderParse(words), words.join(' ')).toEqual({ command: 'today', options: quick });
    }
    expect(taken).toBeGreaterThan(200);
  });
});

describe('commandAndStore', () => {
  /** The --store of the command whose action commander runs for `words` (any subcommand's); 'refused' for a line it refuses. */
  async function commanderStore(words: string[]): Promise<string | undefined> {
    const program = await buildProgram(argv(...words));
    let store: string | undefined | 'no action';
    const capture = (...args: unknown[]) => {
      store = (args.at(-1) as Command).optsWithGlobals<GlobalOptions>().store;
    };
    const all = (command: Command): Command[] => [command, ...command.commands.flatMap(all)];
    for (const command of all(program)) command.action(capture);
    try {
      await program.parseAsync(argv(...words));
    } catch {
      return 'refused';
    }
    return store;
  }

  it('names the --store commander takes, wherever it is on the line, or says none was given', async () => {
    const lines: Array<[string[], string | undefined]> = [
      [['goal', 'progress', 'g1', '--score', '5', '--store', 'postgresql://h/db'], 'postgresql://h/db'],
      [['--store', 'postgresql://h/db', 'today'], 'postgresql://h/db'],
      [['families', '--store=postgresql://h/db'], 'postgresql://h/db'],
      [['families', '--json', '--store', '--json'], '--json'],
      [['--date', '--store', 'today'], undefined],
      [['family', '--', '--store'], undefined],
      [['families'], undefined],
    ];
    for (const [words, store] of lines) {
      expect(commandAndStore(argv(...words))?.store, words.join(' ')).toBe(store);
      expect(await commanderStore(words), words.join(' ')).toBe(store);
    }
  });

  it('is unsure of a line that gives --store twice or empty, or asks for help or the version', () => {
    for (const words of [['today', '--store', 'a', '--store', 'b'], ['today', '--store', ''], ['today', '--store'], ['today', '--store='], ['today', '-h'], ['--help'], ['goal', '--version'], ['-V'], ['today', '-jh']])
      expect(commandAndStore(argv(...words)), words.join(' ')).toBeUndefined();
  });

  it('agrees with commander on the store of every line it is sure of, among many mixed ones', async () => {
    const pool = ['today', 'families', '--json', '--store', 'postgresql://h/db', 's.json', '--store=postgresql://x/y', '--date', '2026-11-24', '--lang', 'en', '--caseload', 'Ann', '--', '', '--note', 'x'];
    let sure = 0;
    for (const words of randomLines(pool, 7, 5_000)) {
      const line = commandAndStore(argv(...words));
      if (line?.store === undefined) continue;
      const store = await commanderStore(words);
      if (store === 'refused') continue; // a usage error: the early connection is closed unused
      sure++;
      expect(store, words.join(' ')).toBe(line.store);
    }
    expect(sure).toBeGreaterThan(100);
  });
});

describe('today parsed by either', () => {
  let box: Sandbox;
  beforeAll(() => {
    box = sandbox();
    expect(box.run(['demo', '--families', '5', '--date', '2026-11-24']).code).toBe(0);
  });
  afterAll(() => box.cleanup());

  // `--date=VALUE` is commander's alone: the same line with it goes the long way.
  it('answers and refuses alike: the same output, message and exit code', () => {
    const cases: Array<[string[], string[]]> = [
      [['today', '--json', '--date', '2026-11-24'], ['today', '--json', '--date=2026-11-24']],
      [['today', '--date', '2026-11-24', '--lang', 'da'], ['today', '--date=2026-11-24', '--lang', 'da']],
      [['today', '--json', '--date', '2026-13-01'], ['today', '--json', '--date=2026-13-01']],
      [['today', '--date', '2026-13-01', '--lang', 'da'], ['today', '--date=2026-13-01', '--lang', 'da']],
      [['today', '--lang', 'xx'], ['today', '--lang=xx']],
      [['today', '--caseload', 'Nobody', '--lang', 'da'], ['today', '--caseload=Nobody', '--lang', 'da']],
      [['today', '--caseload', ' ', '--json'], ['today', '--caseload= ', '--json']],
    ];
    for (const [quick, long] of cases) {
      const a = box.run(quick);
      const b = box.run(long);
      expect(a, quick.join(' ')).toEqual(b);
    }
    expect(box.run(['today', '--json', '--date', '2026-13-01']).code).toBe(2);
    expect(box.run(['today', '--lang', 'xx']).code).toBe(2);
  });
});
