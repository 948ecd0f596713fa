// The command table: each command's module is loaded only when that command runs, so the table
// must name every command its modules register, and argv must pick the right one.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, COMMANDS, requestedCommand, VERSION } from '../../src/cli/program.js';
import { runCli } from '../helpers/cli.js';

const argv = (...words: string[]) => ['node', 'famcoord', ...words];
const ALL = COMMANDS.flatMap((c) => c.names);

describe('the command table', () => {
  it('names exactly the command each entry registers', async () => {
    for (const entry of COMMANDS) {
      const program = new Command();
      (await entry.load())(program);
      expect(program.commands.map((c) => c.name())).toEqual(entry.names);
    }
    expect(new Set(ALL).size).toBe(ALL.length);
  });

  it('loads only the command asked for, all of them for help or a typo, none for the workbench', async () => {
    const names = async (...words: string[]) => (await buildProgram(argv(...words))).commands.map((c) => c.name());
    expect(await names('--json', 'today')).toEqual(['today']);
    expect(await names('--store', 'x.json', 'goal', 'progress', 'g1')).toEqual(['goal']);
    expect(await names('event', 'add')).toEqual(['observe', 'event']);
    expect(await names('--help')).toEqual(ALL);
    expect(await names('todya')).toEqual(ALL);
    expect(await names()).toEqual([]);
  });
});

describe('requestedCommand', () => {
  const program = new Command().option('--store <path>').option('--json').option('--date <d>');
  it('skips global options and their values', () => {
    expect(requestedCommand(program, argv('--store', 'today', 'families'))).toBe('families');
    expect(requestedCommand(program, argv('--store=today', '--json', 'log'))).toBe('log');
    expect(requestedCommand(program, argv('--date', '2026-11-24'))).toBeUndefined();
    expect(requestedCommand(program, argv('--', 'undo'))).toBe('undo');
  });
});

describe('--version', () => {
  it('is answered before the program loads (bin/famcoord.js) with the version the program has, which is package.json\'s', () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(version);
    for (const args of [['--version'], ['-V'], ['--json', '--version']]) expect(runCli(args)).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });
});

describe('help', () => {
  it('is there as `famcoord help COMMAND` too, although the program has an action (the workbench)', () => {
    const result = runCli(['help', 'today']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: famcoord today/);
  });
});
