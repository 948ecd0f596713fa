// The whole command tree, every command's module loaded (as `famcoord --help` loads them), for
// tests that go through every command's help.
import type { Command, HelpConfiguration } from 'commander';
import { buildProgram } from '../../src/cli/program.js';

export interface CommandAt {
  /** The words after `famcoord` that name the command; none for the program itself. */
  words: string[];
  command: Command;
}

/**
 * The program and every command under it, parents before their subcommands, in help's order;
 * with `danishHelp`, a program whose help speaks Danish (`--lang da`).
 */
export async function commandTree(danishHelp?: HelpConfiguration): Promise<CommandAt[]> {
  const program = await buildProgram(['node', 'famcoord', '--help', ...(danishHelp ? ['--lang', 'da'] : [])], danishHelp);
  const walk = (command: Command, words: string[]): CommandAt[] => [
    { words, command },
    ...command.commands.flatMap((sub) => walk(sub, [...words, sub.name()])),
  ];
  return walk(program, []);
}
