// Drives a real terminal (tmux) for end-to-end tests of the workbench: start a command in a
// session, wait for a text on the screen with a deadline, type keys.
import { execFileSync, spawnSync } from 'node:child_process';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

export function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

// The deadline is generous: a loaded machine (npm run test:loaded) may take seconds to draw.
export async function waitForScreen(session: string, expected: RegExp | ((screen: string) => boolean), timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const screen = tmux('capture-pane', '-p', '-t', session);
    if (typeof expected === 'function' ? expected(screen) : expected.test(screen)) return screen;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expected}; the screen was:\n${screen}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function killSession(session: string): void {
  spawnSync('tmux', ['kill-session', '-t', session]);
}
