// Help in the run's language: Danish with --lang da or a Danish LANG (src/cli/helpWords.ts),
// English otherwise, and the English byte for byte as commander wrote it before help spoke Danish.
import type { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { DANISH_HELP, danishHelp } from '../../src/cli/helpWords.js';
import { runCli } from '../helpers/cli.js';
import { commandTree } from '../helpers/commandTree.js';

const ENGLISH = { LANG: 'en_GB.UTF-8', LC_ALL: '', LC_MESSAGES: '' };
const DANISH = { LANG: 'da_DK.UTF-8', LC_ALL: '', LC_MESSAGES: '' };

/** What `--help` writes into a pipe: commander's text, and the text after it (addHelpText). */
function helpOf(command: Command): { text: string; after: string } {
  const text = command.helpInformation();
  let after = '';
  (command as unknown as EventEmitter).emit('afterHelp', { error: false, command, write: (piece: string) => (after += piece) });
  return { text, after };
}

const longestLine = (text: string) => Math.max(...text.split('\n').map((line) => line.length));

describe('the Danish help table', () => {
  it('has Danish for every text of every command, argument and option, and nothing that no help shows', async () => {
    const looked = new Set<string>();
    const without: string[] = [];
    let shown = '';
    const tree = await commandTree(
      danishHelp((english, danish) => {
        looked.add(english);
        if (danish === undefined) without.push(`${shown}: ${english}`);
      }),
    );
    for (const { words, command } of tree) {
      shown = ['famcoord', ...words].join(' ');
      expect(helpOf(command).text, shown).toMatch(/^Brug: famcoord/);
    }
    expect(without).toEqual([]);
    expect(Object.keys(DANISH_HELP).filter((english) => !looked.has(english))).toEqual([]);
  });

  it("keeps within the width commander keeps the English in: 80 columns into a pipe where it wraps, and the text after help as wide as the English", async () => {
    const english = await commandTree();
    const danish = await commandTree(danishHelp());
    expect(danish.map((c) => c.words)).toEqual(english.map((c) => c.words));
    danish.forEach(({ words, command }, i) => {
      const [was, is] = [helpOf(english[i]!.command), helpOf(command)];
      // commander leaves a description unwrapped when the terms leave it under 40 columns
      if (longestLine(was.text) <= 80) expect(longestLine(is.text), words.join(' ')).toBeLessThanOrEqual(80);
      expect(longestLine(is.after), words.join(' ')).toBeLessThanOrEqual(Math.max(80, longestLine(was.after)));
    });
  });

  it('is a chunk of its own, not in the file every command reads', () => {
    const everyRun = readFileSync(new URL('../../dist/famcoord.cjs', import.meta.url), 'utf8');
    expect(everyRun).toContain('display help for command'); // commander is there: the probe finds what is there
    expect(everyRun).not.toContain(JSON.stringify(DANISH_HELP['display help for command']).slice(1, -1));
    expect(everyRun).not.toContain('familiekoordinatorens arbejdsbord');
  });
});

describe('help from the command line', () => {
  it.each([
    ['--help --lang da', ['--help', '--lang', 'da'], ENGLISH],
    ['--help with a Danish LANG', ['--help'], DANISH],
    ['help (the command) with a Danish LANG', ['help'], DANISH],
  ])("speaks Danish: famcoord's own help, %s", (_, args, env) => {
    const { code, stdout, stderr } = runCli(args, { env });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^Brug: famcoord \[tilvalg\] \[kommando\]\n\nfamcoord: familiekoordinatorens arbejdsbord\./);
    expect(stdout).toContain('\nTilvalg:\n');
    expect(stdout).toContain('\nKommandoer:\n');
    expect(stdout).toMatch(/\n {2}-V, --version +vis versionsnummeret\n/);
    expect(stdout).toMatch(/\n {2}-h, --help +vis hjælp til kommandoen\n/);
    expect(stdout).toMatch(/\n {2}goal +familiens mål\n/);
    expect(stdout).not.toMatch(/Usage:|Options:|Commands:|display help|output the version/);
  });

  it.each([
    ['goal progress --help --lang da', ['goal', 'progress', '--help', '--lang', 'da'], ENGLISH],
    ['goal progress --help with a Danish LANG', ['goal', 'progress', '--help'], DANISH],
    ['goal help progress with a Danish LANG', ['goal', 'help', 'progress'], DANISH],
  ])('speaks Danish: %s', (_, args, env) => {
    const { code, stdout, stderr } = runCli(args, { env });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^Brug: famcoord goal progress \[tilvalg\] <GOAL_ID>\n\nregistrér fremskridt på et mål/);
    expect(stdout).toMatch(/\nArgumenter:\n {2}GOAL_ID +målet, f\.eks\. g12\n/);
    expect(stdout).toMatch(/\n {2}--score <0-10> +hvor langt familien er nået, 0 til 10 \(skal angives\)\n/);
    expect(stdout).toMatch(/\n {2}--note <text> +hvad der skete, i en sætning \(standard: ""\)\n/);
    expect(stdout).toContain('\nGlobale tilvalg:\n');
    expect(stdout).toMatch(/\n\nEksempel:\n {2}famcoord goal progress g12 --score 6 --note "Mødt op hver dag"\n$/);
    expect(stdout).not.toMatch(/Usage:|Options:|Arguments:|Example:|required|default/);
  });

  it('speaks Danish where commander shows help for a usage error (a group named without its command), on stderr', () => {
    const { code, stdout, stderr } = runCli(['goal'], { env: DANISH });
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(/^Brug: famcoord goal \[tilvalg\] \[kommando\]\n\nfamiliens mål\n/);
    expect(stderr).toMatch(/\n {2}progress \[tilvalg\] <GOAL_ID> +registrér fremskridt på et mål/);
  });

  it('speaks English with --lang en or --json over a Danish LANG, and for an unknown --lang, as before', () => {
    const english = runCli(['--help'], { env: ENGLISH }).stdout;
    expect(english).toMatch(/^Usage: famcoord \[options\] \[command\]\n/);
    for (const args of [['--help', '--lang', 'en'], ['--help', '--json'], ['--help', '--lang', 'xx']]) expect(runCli(args, { env: DANISH }).stdout, args.join(' ')).toBe(english);
  });

  it("in English is byte for byte what it was, for every command (fixtures/help-en.txt)", async () => {
    const pages: string[] = [];
    for (const { words } of await commandTree()) {
      const help = runCli([...words, '--help'], { env: ENGLISH });
      expect(help.code, words.join(' ')).toBe(0);
      pages.push(`$ famcoord ${[...words, '--help'].join(' ')}\n${help.stdout}`);
    }
    // A group without its subcommand: commander's help on stderr, as a usage error.
    const bare = runCli(['goal'], { env: ENGLISH });
    expect(bare.code).toBe(2);
    pages.push(`$ famcoord goal  (stderr)\n${bare.stderr}`);
    await expect(pages.join('\n')).toMatchFileSnapshot('./fixtures/help-en.txt');
  });
});
