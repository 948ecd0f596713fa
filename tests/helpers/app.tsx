// The workbench rendered with ink-testing-library over a real JSON store in a temp folder, and
// the keys typed into it, for the screen tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { afterEach, expect } from 'vitest';
import type { State } from '../../src/domain/schema.js';
import type { ReadScope } from '../../src/domain/scope.js';
import { JsonFileStore } from '../../src/store/jsonStore.js';
import { App } from '../../src/tui/App.js';
import { waitForFrame } from './ink.js';

export const TODAY = '2026-11-24';
export const TZ = 'Europe/Copenhagen';
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

export async function open(initial: State, options: { width?: number; height?: number; lang?: 'da' | 'en'; scope?: ReadScope; store?: (path: string) => JsonFileStore; documentsFolder?: string; person?: string } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'famcoord-app-'));
  const store = (options.store ?? ((path) => new JsonFileStore(path)))(join(dir, 'store.json'));
  await store.create(initial);
  const size = { width: options.width ?? 80, height: options.height ?? 24 };
  const app = render(<App store={store} initialState={await store.read(options.scope)} {...(options.scope && { scope: options.scope })} lang={options.lang ?? 'en'} today={TODAY} timeZone={TZ} user="tester" color={false} size={size} {...(options.documentsFolder !== undefined && { documentsFolder: options.documentsFolder })} {...(options.person !== undefined && { person: options.person })} />);
  cleanups.push(() => {
    app.unmount();
    rmSync(dir, { recursive: true, force: true });
  });
  await waitForFrame(app.lastFrame, 'famcoord');
  /** Types keys and waits until the frame changes (or shows `expected`). */
  const press = async (keys: string, expected?: string | RegExp | ((frame: string) => boolean)) => {
    const before = app.lastFrame();
    app.stdin.write(keys);
    return waitForFrame(app.lastFrame, expected ?? ((frame) => frame !== before));
  };
  return { app, store, press, size, dir };
}

export function expectFits(frame: string, size: { width: number; height: number }) {
  const lines = frame.split('\n');
  expect(lines.length).toBeLessThanOrEqual(size.height - 1);
  for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(size.width);
}

