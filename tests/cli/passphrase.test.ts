// The passphrase prompt, with a fake terminal: no echo, asked twice for a new store, once per process.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import { passphraseAvailable, passphraseSource, type Terminal } from '../../src/cli/passphrase.js';
import { Keyring, newHeader, SealError } from '../../src/store/crypto.js';

/** A terminal whose keyboard types `answers` (each followed by Enter) as the prompts appear. */
function fakeTerminal(answers: string[], isTTY = true) {
  const input = Object.assign(new PassThrough(), { isTTY, rawModes: [] as boolean[] });
  Object.assign(input, { setRawMode: (on: boolean) => (input.rawModes.push(on), input) });
  let shown = '';
  const output = Object.assign(new PassThrough(), {
    write(text: string) {
      shown += text;
      if (text.endsWith(': ')) setImmediate(() => input.write(`${answers.shift() ?? ''}\r`));
      return true;
    },
  });
  return { terminal: { input, output } as unknown as Terminal, shown: () => shown, rawModes: input.rawModes };
}

const rejection = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as Error);

describe('the passphrase source', () => {
  it('asks a new passphrase twice on a terminal, without echo, and only once per process', async () => {
    const fake = fakeTerminal(['korrekt hest', 'korrekt hest']);
    const source = passphraseSource({}, fake.terminal);
    expect(await source('create')).toBe('korrekt hest');
    expect(await source('unlock')).toBe('korrekt hest');
    expect(fake.shown()).toMatch(/^New passphrase for the store \(at least 8 characters; it cannot be recovered\): \nThe same passphrase again: \n$/);
    expect(fake.rawModes).toEqual([true, false, true, false]);
  });

  it('refuses two different answers, a short one and Ctrl-C with a usage error', async () => {
    for (const [answers, message] of [
      [['korrekt hest', 'korrekt best'], /the two passphrases differ/],
      [['kort'], /at least 8 characters/],
      [['\u0003'], /cancelled/],
    ] as const) {
      const error = await rejection(passphraseSource({}, fakeTerminal([...answers]).terminal)('create'));
      expect(error).toBeInstanceOf(UsageError);
      expect(error?.message).toMatch(message);
      expect(error?.message).not.toMatch(/korrekt|kort/);
    }
  });

  it('edits with backspace, and asks an existing store\'s passphrase once', async () => {
    const fake = fakeTerminal(['hemmeligX\u007ft']);
    expect(await passphraseSource({}, fake.terminal)('unlock')).toBe('hemmeligt');
    expect(fake.shown()).toBe('Passphrase for the store: \n');
  });

  it('takes FAMCOORD_PASSPHRASE first, and without it or a terminal says what to do', async () => {
    const pipe = fakeTerminal([], false).terminal;
    expect(await passphraseSource({ FAMCOORD_PASSPHRASE: 'fra miljøet' }, pipe)('unlock')).toBe('fra miljøet');
    expect(passphraseAvailable({}, pipe)).toBe(false);
    const error = await rejection(passphraseSource({}, pipe)('unlock'));
    expect(error).toBeInstanceOf(UsageError);
    expect(error?.message).toMatch(/the store is encrypted: .* set FAMCOORD_PASSPHRASE/);
  });

  it('asks again after a wrong passphrase, three tries in all; FAMCOORD_PASSPHRASE is not asked again', async () => {
    const { header } = await newHeader('korrekt hest batteri');
    const fake = fakeTerminal(['forkert en', 'forkert to', 'korrekt hest batteri']);
    await new Keyring(passphraseSource({}, fake.terminal)).unlock(header);
    expect(fake.shown()).toBe('Passphrase for the store: \nThat passphrase does not open the store; try again (2 tries left): \nThat passphrase does not open the store; try again (1 try left): \n');
    expect(fake.shown()).not.toMatch(/forkert|korrekt/);
    const threeWrong = fakeTerminal(['forkert en', 'forkert to', 'forkert tre', 'korrekt hest batteri']);
    const refused = await rejection(new Keyring(passphraseSource({}, threeWrong.terminal)).unlock(header));
    expect(refused).toBeInstanceOf(SealError);
    expect(threeWrong.shown().match(/: /g)).toHaveLength(3);
    const fromEnv = await rejection(new Keyring(passphraseSource({ FAMCOORD_PASSPHRASE: 'forkert miljø' }, fakeTerminal([]).terminal)).unlock(header));
    expect(fromEnv).toBeInstanceOf(SealError);
  });

  it('names process.stdin only when it must ask: Node builds the stream the first time it is named (issue 19)', async () => {
    const stdin = Object.getOwnPropertyDescriptor(process, 'stdin');
    let named = 0;
    Object.defineProperty(process, 'stdin', { configurable: true, get: () => (named++, stdin?.get?.call(process) ?? stdin?.value) });
    try {
      const source = passphraseSource({ FAMCOORD_PASSPHRASE: 'fra miljøet' });
      expect(passphraseAvailable({ FAMCOORD_PASSPHRASE: 'fra miljøet' })).toBe(true);
      expect(await source('unlock')).toBe('fra miljøet');
      passphraseSource({});
      expect(named).toBe(0);
    } finally {
      if (stdin) Object.defineProperty(process, 'stdin', stdin);
    }
  });
});
