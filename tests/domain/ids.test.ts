// Numbered ids (src/domain/ids.ts): one definition, nine digits at most, and a counter that stops
// with a clear error at the highest number instead of counting past it (or forever).
import { describe, expect, it } from 'vitest';
import { IdCounter, IdsExhaustedError, isOverlongNumberedId, MAX_ID_NUMBER, numberedId } from '../../src/domain/ids.js';
import { safeParseOperation, OperationSchema } from '../../src/domain/operations.js';
import { quickParseOperation } from '../../src/domain/quickOperation.js';
import { runTransaction } from '../../src/domain/transaction.js';
import { StateWorkspace } from '../../src/domain/workspace.js';
import { SeenIds } from '../../src/domain/seenIds.js';
import { parseExport } from '../../src/domain/exchange.js';
import { ValidationError } from '../../src/domain/errors.js';
import { family, goal, state } from '../helpers/fixtures.js';

describe('a numbered id', () => {
  it('is lower-case letters and a number as famcoord writes it, of at most nine digits', () => {
    expect(numberedId('g12')).toEqual({ prefix: 'g', number: 12 });
    expect(numberedId('f0')).toEqual({ prefix: 'f', number: 0 });
    expect(numberedId(`g${MAX_ID_NUMBER}`)).toEqual({ prefix: 'g', number: 999_999_999 });
    for (const other of ['g1234567890', 'g9007199254740993', 'g012', 'G12', 'g', '12', 'm4.2', 'f1-a']) expect(numberedId(other), other).toBeUndefined();
  });

  it('is over-long with ten digits or more after its letters, leading zeros or not', () => {
    for (const id of ['g1234567890', 'g0000000001', 'p99999999999999999999']) expect(isOverlongNumberedId(id), id).toBe(true);
    for (const id of ['g999999999', 'g12', 'G1234567890', 'f1-1234567890', 'm4.1234567890', 'x']) expect(isOverlongNumberedId(id), id).toBe(false);
  });

  it('is read the same by the id set of a family-by-family read: an over-long one is an id like any other', () => {
    const seen = new SeenIds().add('g999999999').add('g1234567890');
    expect(seen.has('g999999999')).toBe(true);
    expect(seen.has('g1234567890')).toBe(true);
    expect(seen.has('g123456789')).toBe(false);
  });
});

describe('the id counter', () => {
  it('gives one more than the highest seen, skipping taken ones', () => {
    const counter = new IdCounter();
    for (const id of ['g3', 'g7', 'p2', 'g1234567890', 'g012']) counter.see(id);
    expect(counter.next('g', () => false)).toBe('g8');
    expect(counter.next('g', (id) => id === 'g9' || id === 'g10')).toBe('g11');
    expect(counter.next('c', () => false)).toBe('c1');
  });

  it('stops at the highest number with a clear error, also when every number above the highest seen is taken', () => {
    const counter = new IdCounter();
    counter.see(`g${MAX_ID_NUMBER}`);
    expect(() => counter.next('g', () => false)).toThrow(IdsExhaustedError);
    expect(() => counter.next('g', () => false)).toThrow(/no new id starting with g is left: g999999999, the highest a new id can have \(9 digits\), is in use/);
    const near = new IdCounter();
    near.see(`g${MAX_ID_NUMBER - 2}`);
    let asked = 0;
    expect(() => near.next('g', () => (asked++, true))).toThrow(IdsExhaustedError);
    expect(asked).toBe(2);
  });

  it('is not led past the maximum by an id beyond it in the store: the next goal is counted from the numbered ones', () => {
    const ws = new StateWorkspace(state(family('f1', { goals: [goal('g2', '2027-01-01'), goal('g9007199254740992', '2027-01-01')] })));
    const { applied } = runTransaction(ws, [OperationSchema.parse({ op: 'goal.add', familyId: 'f1', title: 'Ny', sector: 'school', due: '2027-02-01' })], { today: '2026-11-24' });
    expect(applied[0]).toMatchObject({ id: 'g3' });
  });

  it('refuses a new goal after one at the maximum, and changes nothing', () => {
    const ws = new StateWorkspace(state(family('f1', { goals: [goal(`g${MAX_ID_NUMBER}`, '2027-01-01')] })));
    expect(() => runTransaction(ws, [OperationSchema.parse({ op: 'goal.add', familyId: 'f1', title: 'Ny', sector: 'school', due: '2027-02-01' })], { today: '2026-11-24' })).toThrow(/no new id starting with g is left/);
  });
});

describe('the id of a new object, at the edge', () => {
  const goalAdd = (id: string) => ({ op: 'goal.add', familyId: 'f1', id, title: 'Ny', sector: 'school', due: '2027-02-01' });

  it('is refused with more than nine digits after its letters, by zod and by the quick parse alike, naming no value', () => {
    for (const id of ['g1234567890', 'g9007199254740992']) {
      const result = safeParseOperation(goalAdd(id));
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({ path: ['id'], message: 'must have at most 9 digits after its letters (e.g. g12)' });
      expect(quickParseOperation(goalAdd(id))).toBeUndefined();
    }
    expect(safeParseOperation(goalAdd('g999999999')).success).toBe(true);
    expect(quickParseOperation(goalAdd('g999999999'))).toBeDefined();
    expect(safeParseOperation({ op: 'family.add', name: 'Familien Ny', members: [{ id: 'p12345678901', name: 'Mette', role: 'adult' }] }).success).toBe(false);
  });

  it('names an object that may already be in a store as it was written: a reference to an over-long id is looked up, not refused', () => {
    expect(safeParseOperation({ op: 'goal.progress', goalId: 'g1234567890', score: 3 }).success).toBe(true);
  });

  it('is refused in an import file, with where it is', () => {
    const file = { format: 'famcoord-export', version: 1, exported: '2026-11-24T10:00:00+01:00', families: [family('f1'), family('f2', { goals: [goal('g1234567890', '2027-01-01')] })] };
    const error = (() => {
      try {
        parseExport(file);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual([{ path: 'families[1] (f2)', message: 'id g1234567890 must have at most 9 digits after its letters (e.g. g12)' }]);
  });

  it('is refused in a family.import operation (a batch line) too', () => {
    const ws = new StateWorkspace(state(family('f1')));
    const incoming = family('f2', { goals: [goal('g1234567890', '2027-01-01')] });
    expect(() => runTransaction(ws, [OperationSchema.parse({ op: 'family.import', family: incoming })], { today: '2026-11-24' })).toThrow(/family f2: id g1234567890 must have at most 9 digits/);
  });
});
