// The passphrase of an encrypted store: FAMCOORD_PASSPHRASE for scripts, else asked on the
// terminal without echo (twice for a new store). Asked at most once per process, only when an
// encrypted store is met; never printed, logged or put in a message.
import { SealError, UNLOCK_TRIES, type PassphraseSource } from '../store/crypto.js';
import { UsageError } from './errors.js';

export const MIN_PASSPHRASE_LENGTH = 8;

export interface Terminal {
  input: NodeJS.ReadStream;
  /** Where prompts go: stderr, so `--json` output on stdout stays clean. */
  output: NodeJS.WriteStream;
}

// Taken only when a passphrase is asked for: process.stdin is built by Node the first time it is
// named (a stream over a pipe or a terminal, with the modules it needs), ~20 M instructions that a
// command on an unencrypted store never needed (issue 19).
const defaultTerminal = (): Terminal => ({ input: process.stdin, output: process.stderr });

/** Whether a passphrase can be had without failing: from the environment or a terminal. */
export function passphraseAvailable(env: NodeJS.ProcessEnv = process.env, terminal?: Terminal): boolean {
  return Boolean(env.FAMCOORD_PASSPHRASE) || (terminal ?? defaultTerminal()).input.isTTY === true;
}

/** Reads one line from a raw-mode terminal without echoing it. Ctrl-C or Ctrl-D cancels. */
function readHidden(prompt: string, { input, output }: Terminal): Promise<string> {
  return new Promise((resolve, reject) => {
    let typed = '';
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString()) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || char === '\u0004') return finish(new UsageError('cancelled; nothing was written'));
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    // Echo off before the prompt shows: a passphrase typed the moment the prompt appears must never echo.
    input.setRawMode(true);
    output.write(prompt);
    input.on('data', onData);
    input.resume();
  });
}

async function obtain(purpose: 'unlock' | 'create', env: NodeJS.ProcessEnv, terminalOf: () => Terminal): Promise<string> {
  if (env.FAMCOORD_PASSPHRASE) return env.FAMCOORD_PASSPHRASE;
  const terminal = terminalOf();
  if (!terminal.input.isTTY)
    throw new UsageError(
      purpose === 'create'
        ? 'an encrypted store needs a passphrase: run this on a terminal to be asked, or set FAMCOORD_PASSPHRASE'
        : 'the store is encrypted: run famcoord on a terminal to be asked for the passphrase, or set FAMCOORD_PASSPHRASE',
    );
  if (purpose === 'unlock') return readHidden('Passphrase for the store: ', terminal);
  const first = await readHidden(`New passphrase for the store (at least ${MIN_PASSPHRASE_LENGTH} characters; it cannot be recovered): `, terminal);
  if ([...first].length < MIN_PASSPHRASE_LENGTH) throw tooShort();
  if ((await readHidden('The same passphrase again: ', terminal)) !== first) throw new UsageError('the two passphrases differ; nothing was written. Try again');
  return first;
}

const tooShort = () => new UsageError(`the passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters; nothing was written`);

/**
 * The CLI's passphrase source: asks once and remembers the answer for this process only. A typed
 * passphrase that does not open the store is asked for again (UNLOCK_TRIES in all); one from
 * FAMCOORD_PASSPHRASE is not, since asking would not change it.
 */
export function passphraseSource(env: NodeJS.ProcessEnv = process.env, terminal?: Terminal): PassphraseSource {
  let given: Promise<string> | undefined;
  const asking = () => terminal ?? defaultTerminal();
  return async (purpose, refused = 0) => {
    if (refused > 0) {
      if (env.FAMCOORD_PASSPHRASE) throw new SealError('passphrase');
      const left = UNLOCK_TRIES - refused;
      given = readHidden(`That passphrase does not open the store; try again (${left} ${left === 1 ? 'try' : 'tries'} left): `, asking());
    }
    given ??= obtain(purpose, env, asking);
    const passphrase = await given;
    if (purpose === 'create' && [...passphrase].length < MIN_PASSPHRASE_LENGTH) throw tooShort();
    return passphrase;
  };
}
