// Changing a JSON store line by line (src/store/familyLines.ts) must give exactly what changing the
// whole state gives: the same bytes, the same results, the same refusals.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateDemo } from '../../src/domain/demo.js';
import { OperationSchema, type OperationInput } from '../../src/domain/operations.js';
import { seededRandom } from '../../src/domain/random.js';
import type { State } from '../../src/domain/schema.js';
import { FamilyLines } from '../../src/store/familyLines.js';
import { operationFamilyIds, runTransaction } from '../../src/domain/transaction.js';
import { StateWorkspace } from '../../src/domain/workspace.js';
import { inScope, todayDigest } from '../../src/domain/scope.js';
import { JsonFileStore, serializeState } from '../../src/store/jsonStore.js';

const TODAY = '2026-11-24';
const META = { user: 'tester', source: 'test', today: TODAY };
const dirs: string[] = [];
const tempStore = () => {
  const dir = mkdtempSync(join(tmpdir(), 'famcoord-lines-'));
  dirs.push(dir);
  return join(dir, 'store.json');
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const bytesOf = (state: State) => Buffer.from([...serializeState(state)].join(''));

describe('the lines of a store file', () => {
  it('are the families, and give back the very same bytes when nothing changes', () => {
    for (const families of [0, 1, 12]) {
      const state = generateDemo({ families, seed: 5, today: TODAY });
      const bytes = bytesOf(state);
      const lines = FamilyLines.of(bytes);
      expect(lines?.select({}).families).toEqual(state.families);
      state.families.forEach((family, i) => expect(lines?.family(i)).toEqual(family));
      expect(Buffer.concat([...(lines?.with(new Map(), []) ?? [])].map((chunk) => Buffer.from(chunk)))).toEqual(bytes);
    }
  });

  it('give a scope the families the whole state gives it (today: as digests)', () => {
    const state = generateDemo({ families: 30, seed: 9, today: TODAY });
    const lines = FamilyLines.of(bytesOf(state)) as FamilyLines;
    const { families, ...head } = state;
    for (const scope of [{ coordinator: 'hanne kjær' }, { familyIds: ['f3', 'f17', 'f-none'] }, { familyIds: ['f3'], coordinator: 'Nobody' }, { todayOn: TODAY }, { todayOn: '2026-12-01', coordinator: 'Birgitte Lund' }]) {
      const expected = families.filter((family) => inScope(family, scope)).map((family) => ('todayOn' in scope ? todayDigest(family) : family));
      expect(lines.select(scope), JSON.stringify(scope)).toEqual({ ...head, families: expected });
    }
  });

  it('index their ids the same in one string or in slices of any size', () => {
    const lines = FamilyLines.of(bytesOf(generateDemo({ families: 12, seed: 4, today: TODAY }))) as FamilyLines;
    const whole = lines.indexIds();
    expect(whole.get('f1')).toEqual([0]);
    expect(whole.size).toBeGreaterThan(100);
    for (const slice of [1, 5_000, 50_000]) expect(lines.indexIds(slice)).toEqual(whole);
  });

  it('are not made of a file in another layout', () => {
    const state = generateDemo({ families: 3, seed: 5, today: TODAY });
    expect(FamilyLines.of(Buffer.from(JSON.stringify(state, null, 2)))).toBeUndefined();
    expect(FamilyLines.of(Buffer.from(JSON.stringify(state)))).toBeUndefined();
    expect(FamilyLines.of(bytesOf(state).subarray(0, -4))).toBeUndefined(); // cut short
  });
});

/** Operations on what the store holds now: mostly valid, some refused, some families taken out and put back. */
function randomStep(state: State, pick: ReturnType<typeof seededRandom>, n: number): OperationInput[] {
  const family = state.families[Math.floor(pick() * state.families.length)];
  const goal = family?.goals[Math.floor(pick() * family.goals.length)];
  const contact = family?.contacts[Math.floor(pick() * family.contacts.length)];
  const member = family?.members[0];
  const choices: Array<() => OperationInput[]> = [
    () => (goal ? [{ op: 'goal.progress', goalId: goal.id, score: n % 11, note: `skridt ${n}` }] : []),
    () => (family ? [{ op: 'goal.add', familyId: family.id, title: `Mål ${n}`, sector: 'school', due: '2027-01-31' }] : []),
    () => (contact ? [{ op: 'contact.resolve', contactId: contact.id, resolution: `Løst ${n}` }] : []), // refused when already resolved
    () => (family ? [{ op: 'meeting.add', familyId: family.id, type: 'netværksmøde', start: '2026-12-03T10:00:00+01:00' }] : []),
    () => [{ op: 'family.add', name: `Familien Ny ${n}`, members: [{ name: 'Lone', role: 'adult' }] }],
    () => (family ? [{ op: 'member.add', familyId: family.id, name: `Barn ${n}`, role: 'child' }] : []),
    () => (member ? [{ op: 'observation.add', memberId: member.id, kind: 'wellbeing', value: (n % 5) + 1 }] : []),
    () => [{ op: 'goal.status', goalId: 'g-none', status: 'completed' }], // refused: no such goal
    // A batch: progress on every goal of the store, each once (the id index rather than searches).
    () => state.families.flatMap((f) => f.goals.map((g): OperationInput => ({ op: 'goal.progress', goalId: g.id, score: n % 11 }))),
    () => (family ? [{ op: 'family.erase', familyId: family.id }] : []),
    () => (family ? [{ op: 'family.erase', familyId: family.id }, { op: 'family.import', family }] : []), // out and back in one step
    () => (family && goal ? [{ op: 'goal.progress', goalId: goal.id, score: 3 }, { op: 'goal.add', familyId: family.id, title: 'Nyt', sector: 'health', due: '2027-03-01', id: goal.id }] : []), // refused: id in use
  ];
  const steps = 1 + Math.floor(pick() * 3);
  return Array.from({ length: steps }, () => (choices[Math.floor(pick() * choices.length)] as () => OperationInput[])()).flat();
}

describe('a step applied line by line', () => {
  it('writes the same bytes, results and refusals as the whole-state path, over 80 random steps', async () => {
    const store = new JsonFileStore(tempStore());
    await store.create(generateDemo({ families: 15, seed: 11, today: TODAY }));
    // The whole-state path, as the store takes it for a file it trusts: the state as parsed, a
    // StateWorkspace, the whole file serialised again.
    let reference = JSON.parse(readFileSync(store.path, 'utf8')) as State;
    const pick = seededRandom(3);
    const linesRead = vi.spyOn(FamilyLines, 'of');
    let refused = 0;
    for (let n = 0; n < 80; n++) {
      const inputs = randomStep(reference, pick, n);
      const operations = inputs.map((input) => OperationSchema.parse(input));
      const expected = (() => {
        const ws = new StateWorkspace(reference);
        try {
          const { applied } = runTransaction(ws, operations, { today: TODAY });
          reference = ws.result(reference);
          return { applied, operationFamilyIds: operationFamilyIds(ws, applied) };
        } catch (error) {
          return { refused: `${(error as Error).name}: ${(error as Error).message}` };
        }
      })();
      const actual = await store.transact(operations, META).then(
        ({ applied, operationFamilyIds: ids }) => ({ applied, operationFamilyIds: ids }),
        (error: Error) => ({ refused: `${error.name}: ${error.message}` }),
      );
      expect(actual, `step ${n}: ${JSON.stringify(inputs)}`).toEqual(expected);
      if ('refused' in actual) refused++;
      expect(readFileSync(store.path).equals(bytesOf(reference)), `step ${n}`).toBe(true);
    }
    expect(refused).toBeGreaterThan(5);
    expect(refused).toBeLessThan(60);
    // Every step went line by line: the file was always one famcoord wrote, its mark matching.
    expect(linesRead).toHaveBeenCalledTimes(80);
    expect(linesRead.mock.results.every((result) => result.value !== undefined)).toBe(true);
  });

});
