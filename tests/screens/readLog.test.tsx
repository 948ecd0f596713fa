// Opening a family in the workbench reads its personal data: on a store that logs reads (a team's
// PostgreSQL store) each opening is logged once, as `workbench`.
import { describe, expect, it } from 'vitest';
import { JsonFileStore } from '../../src/store/jsonStore.js';
import type { ReadKind } from '../../src/store/team.js';
import { KEYS } from '../helpers/ink.js';
import { family, goal, state } from '../helpers/fixtures.js';
import { open } from '../helpers/app.js';

/** A store that records the reads it is told of, as PgStore logs them. */
class ReadLoggingStore extends JsonFileStore {
  readonly reads: Array<[string[], ReadKind]> = [];
  logRead(familyIds: readonly string[], what: ReadKind): Promise<void> {
    this.reads.push([[...familyIds], what]);
    return Promise.resolve();
  }
}

describe('reads in the workbench', () => {
  it('logs each opening of a family once, and nothing for the lists', async () => {
    const { press, store } = await open(state(family('f1', { name: 'Familien Berg', goals: [goal('g1', '2026-11-01')] }), family('f2', { name: 'Familien Holm' })), {
      store: (path) => new ReadLoggingStore(path),
    });
    const logging = store as ReadLoggingStore;
    await press('f', /Families \(2\)/);
    expect(logging.reads).toEqual([]);
    await press(`:f1${KEYS.enter}`, /Family plan: Familien Berg/);
    // The log is written after the screen is drawn: waited for, with a generous deadline.
    await expect.poll(() => logging.reads, { timeout: 30_000 }).toEqual([[['f1'], 'workbench']]);
    await press(KEYS.tab);
    await press(`:f2${KEYS.enter}`, /Family plan: Familien Holm/);
    await expect.poll(() => logging.reads, { timeout: 30_000 }).toEqual([[['f1'], 'workbench'], [['f2'], 'workbench']]);
  });
});
