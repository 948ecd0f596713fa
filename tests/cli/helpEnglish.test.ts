// English help stays exactly as commander wrote it before help learnt Danish: every command's
// `--help`, and the help commander prints for a group named without its subcommand.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { commandTree } from '../helpers/commandTree.js';

const ENGLISH = { LANG: 'en_GB.UTF-8', LC_ALL: '', LC_MESSAGES: '' };

describe('English help', () => {
  it("is byte for byte what it was, for every command (fixtures/help-en.txt)", async () => {
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
