import { describe, expect, it } from 'vitest';
import { printOut } from '../../src/cli/context.js';

/** A stdout that records what is written; `isTTY` as a terminal or a pipe would have it. */
const stdout = (isTTY: boolean) => {
  const written: string[] = [];
  return { written, out: { isTTY, write: (text: string) => (written.push(text), true) } };
};

describe('printOut', () => {
  const csv = 'f1;"Evil\u001b]52;c;ZWNobyBwd25lZA==\u0007\u009b2J\u200b";school\r\n';

  it('sanitises text for a terminal: no clipboard, no clear screen, invisible characters shown', () => {
    const { written, out } = stdout(true);
    printOut(csv, out);
    expect(written).toEqual(['f1;"Evil2J⟨U+200B⟩";school\n']);
  });

  it('writes text for a file or a pipe as it is, with a newline at the end', () => {
    const { written, out } = stdout(false);
    printOut(csv, out);
    printOut('no newline', out);
    expect(written).toEqual([csv, 'no newline\n']);
  });
});

describe("the context's user", () => {
  it('is FAMCOORD_USER, else the login, asked only when a command uses it', async () => {
    const { userInfo } = await import('node:os');
    const { Command } = await import('commander');
    const { createContext } = await import('../../src/cli/context.js');
    const command = new Command('famcoord').option('--date <d>');
    command.parse(['--date', '2026-11-24'], { from: 'user' });
    const env: NodeJS.ProcessEnv = {};
    const ctx = createContext(command, env);
    env.FAMCOORD_USER = 'hanne'; // set after the context was made: read when the user is asked for
    expect(ctx.user).toBe('hanne');
    expect(createContext(command, {}).user).toBe(userInfo().username);
  });
});
