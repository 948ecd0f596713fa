// Waiting for Ink frames: poll until the frame shows what we expect, with a deadline, and fail
// with the last frame so the test says what it saw. No fixed sleeps.
export async function waitForFrame(lastFrame: () => string | undefined, expected: string | RegExp | ((frame: string) => boolean), timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const ok = (frame: string) => (typeof expected === 'function' ? expected(frame) : typeof expected === 'string' ? frame.includes(expected) : expected.test(frame));
  for (;;) {
    const frame = lastFrame() ?? '';
    if (ok(frame)) return frame;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(expected)}; the last frame was:\n${frame}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Keys as a terminal sends them. */
export const KEYS = { down: '\u001b[B', up: '\u001b[A', left: '\u001b[D', right: '\u001b[C', tab: '\t', shiftTab: '\u001b[Z', enter: '\r', escape: '\u001b', backspace: '\u007f' } as const;
