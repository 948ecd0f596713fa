// Drives a real terminal (tmux) for end-to-end tests of the workbench: start a command in a
// session, wait for a text on the screen with a deadline, type keys.
import { execFileSync, spawnSync } from 'node:child_process';

export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

export function tmux(...args: string[]): string {
  return execFileSync('tmux', args, { encoding: 'utf8' });
}

// The deadline is generous: a loaded machine (npm run test:loaded) may take seconds to draw.
// A screen counts only once it has settled. The kernel hands a frame to tmux in pieces (2 KB at a
// time), and a loaded machine may pause the writer between them: a capture can catch the top of a
// frame drawn and its footer not yet. So a match must still show, unchanged, a moment later;
// only a screen that never stands still (a progress bar) is taken as first seen (`settled` false).
export async function waitForScreen(session: string, expected: RegExp | ((screen: string) => boolean), timeoutMs = 30_000, settled = true): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const matches = (screen: string) => (typeof expected === 'function' ? expected(screen) : expected.test(screen));
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  for (;;) {
    const screen = tmux('capture-pane', '-p', '-t', session);
    if (matches(screen)) {
      if (!settled) return screen;
      await pause(150);
      if (tmux('capture-pane', '-p', '-t', session) === screen) return screen;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expected}; the screen was:\n${screen}`);
    await pause(50);
  }
}

export function killSession(session: string): void {
  spawnSync('tmux', ['kill-session', '-t', session]);
}
