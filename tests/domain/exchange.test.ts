import { describe, expect, it } from 'vitest';
import { CSV_TABLES, csvCell, csvDocument } from '../../src/domain/csv.js';
import { differingParts, importOperations, parseExport, planImport } from '../../src/domain/exchange.js';
import { buildExport } from '../../src/domain/exportDocument.js';
import { changesOfFamilies, erasedFamiliesOf, scrubFamily, type FamilyLogStep } from '../../src/domain/familyLog.js';
import { OperationSchema, type OperationInput } from '../../src/domain/operations.js';
import { TransactionError, ValidationError } from '../../src/domain/errors.js';
import { runTransaction } from '../../src/domain/transaction.js';
import { StateWorkspace } from '../../src/domain/workspace.js';
import type { Family } from '../../src/domain/schema.js';
import { contact, family, goal, meeting, state } from '../helpers/fixtures.js';

const TODAY = '2026-11-24';

describe('CSV cells and files', () => {
  it('quotes by RFC 4180 only when needed', () => {
    expect(csvCell('plain', ';')).toBe('plain');
    expect(csvCell('a;b', ';')).toBe('"a;b"');
    expect(csvCell('a;b', ',')).toBe('a;b');
    expect(csvCell('a,b', ',')).toBe('"a,b"');
    expect(csvCell('sagde "nej"', ';')).toBe('"sagde ""nej"""');
    expect(csvCell('to\nlinjer', ';')).toBe('"to\nlinjer"');
    expect(csvCell(undefined, ';')).toBe('');
    expect(csvCell(7, ';')).toBe('7');
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    for (const formula of ['=cmd()', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])
      expect(csvCell(formula, ';').replace(/^"/, '').startsWith("'")).toBe(true);
    expect(csvCell('=a;b', ';')).toBe(`"'=a;b"`);
    expect(csvCell(-3, ';')).toBe('-3'); // numbers are numbers
  });

  it('writes a BOM, a header and CRLF after every row', () => {
    expect(csvDocument(['a', 'b'], [[1, 'x'], [undefined, 'y;z']], ';')).toBe('\uFEFFa;b\r\n1;x\r\n;"y;z"\r\n');
  });

  it('has readable rows: latest score, local meeting start, days waiting', () => {
    const f = family('f1', {
      goals: [goal('g1', '2027-01-01', 'active', { memberId: 'f1-c', progress: [{ date: '2026-10-01', score: 3, note: '' }, { date: '2026-11-01', score: 5, note: '' }] })],
      meetings: [meeting('m1', '2026-11-24T08:00:00Z')],
      contacts: [contact('c1', '2026-11-14'), contact('c2', '2026-11-01', 'resolved', { closed: '2026-11-10' })],
    });
    const ctx = { today: TODAY, timeZone: 'Europe/Copenhagen' };
    expect(CSV_TABLES.goals([f]).rows).toEqual([['f1', 'Familien f1', 'g1', 'Mål g1', 'Emil', 'school', 'active', undefined, '2027-01-01', 5, '2026-11-01']]);
    expect(CSV_TABLES.meetings([f], ctx).rows[0]?.[4]).toBe('2026-11-24 09:00');
    expect(CSV_TABLES.contacts([f], ctx).rows.map((r) => r.at(-1))).toEqual([10, undefined]);
  });
});

const step = (n: number, familyIds: string[], ops: OperationInput[], before: FamilyLogStep['before'] = {}): FamilyLogStep => ({
  step: n,
  time: `2026-11-2${n}T10:00:00.000Z`,
  user: 'hanne',
  source: 'cli',
  ops: ops.map((o) => OperationSchema.parse(o)),
  familyIds,
  before,
  afterHash: Object.fromEntries(familyIds.map((id) => [id, 'hash'])),
});

describe('the audit log family by family', () => {
  const f1 = family('f1', { goals: [goal('g1', '2027-01-01')] });
  const f2 = family('f2', { goals: [goal('g2', '2027-01-01')] });
  const steps = [
    step(1, ['f1', 'f2'], [{ op: 'goal.progress', goalId: 'g1', score: 4, note: 'om f1' }, { op: 'goal.progress', goalId: 'g2', score: 2, note: 'om f2' }], { f1, f2 }),
    step(2, ['f1'], [{ op: 'contact.add', familyId: 'f1', id: 'c9', sector: 'school', subject: 'PPR' }], { f1 }),
    step(3, ['f2'], [{ op: 'goal.status', goalId: 'g2', status: 'completed' }], { f2 }),
  ];

  it('gives the steps about a family with only its operations', () => {
    const changes = changesOfFamilies(steps, [f1, f2], ['f1']);
    expect(changes.map((c) => [c.step, c.familyIds, c.ops.map((o) => ('note' in o ? o.note : o.op))])).toEqual([
      [1, ['f1'], ['om f1']],
      [2, ['f1'], ['contact.add']],
    ]);
    expect(changes[0]).not.toHaveProperty('before');
    expect(changesOfFamilies(steps, [f1, f2])).toHaveLength(3);
  });

  it('scrubs one family: its earlier versions, hashes and operations, leaving the others', () => {
    const scrubbed = scrubFamily(steps, 'f1', [f1, f2]);
    const text = JSON.stringify(scrubbed);
    expect(text).not.toContain('om f1');
    expect(text).not.toContain('Familien f1');
    expect(text).toContain('om f2');
    expect(scrubbed[0]?.ops[0]).toEqual({ op: 'goal.progress', familyId: 'f1', erased: true });
    expect(scrubbed[0]?.before).toEqual({ f2 });
    expect(scrubbed[0]?.afterHash).toEqual({ f2: 'hash' });
    expect(scrubbed[1]).toMatchObject({ step: 2, user: 'hanne', familyIds: ['f1'], ops: [{ op: 'contact.add', familyId: 'f1', erased: true }] });
    expect(scrubbed[2]).toBe(steps[2]);
    expect(scrubbed.map(erasedFamiliesOf)).toEqual([['f1'], ['f1'], []]);
    // Scrubbing again changes nothing; an export after the erase shows only which operations.
    expect(scrubFamily(scrubbed, 'f1', [f2])).toEqual(scrubbed);
    expect(changesOfFamilies(scrubbed, [f2], ['f1']).map((c) => c.ops)).toEqual([[scrubbed[0]?.ops[0]], scrubbed[1]?.ops]);
  });
});

describe('exports and imports', () => {
  const ours = state(family('f1', { goals: [goal('g1', '2027-01-01')] }), family('f2'));

  it('builds an export of one family or all', () => {
    const document = buildExport(ours, [], { exported: '2026-11-24T10:00:00.000Z', familyIds: ['f2'] });
    expect(document).toEqual({ format: 'famcoord-export', version: 1, exported: '2026-11-24T10:00:00.000Z', families: [ours.families[1]], changes: [] });
    expect(buildExport(ours, [], { exported: 'x' }).families).toHaveLength(2);
  });

  it('validates a file, naming what and where', () => {
    const problems = (data: unknown) => {
      try {
        parseExport(data);
        return [];
      } catch (error) {
        return (error as ValidationError).problems.map((p) => `${p.path}: ${p.message}`);
      }
    };
    expect(parseExport(buildExport(ours, [], { exported: 'x' }))).toEqual(ours.families);
    expect(problems({ format: 'famcoord-export', version: 1, exported: 'x', families: [{ ...family('f1'), goals: [goal('g1', '2027-13-01')] }] })).toEqual([
      'families[0] (f1).goals[0] (g1).due: must be a real date as YYYY-MM-DD, e.g. 2026-11-24',
    ]);
    expect(problems({ format: 'famcoord-export', version: 1, exported: 'x', families: [family('f1'), family('f1')] })[0]).toMatch(/used more than once/);
    expect(problems({ version: 1, families: [] })[0]).toMatch(/^format: must be "famcoord-export"/);
  });

  it('sorts families into new, identical, conflicts and id clashes', () => {
    const changed = { ...family('f1', { goals: [goal('g1', '2027-02-01')] }), name: 'Familien Ny' };
    const clash = family('f7', { members: [{ id: 'f2-a', name: 'X', role: 'adult', observations: [], events: [] }] });
    // Key order makes no difference.
    const same = Object.fromEntries(Object.entries(family('f2')).reverse()) as Family;
    const plan = planImport(ours, [family('f3'), same, changed, clash]);
    expect(plan.added.map((f) => f.id)).toEqual(['f3']);
    expect(plan.same.map((f) => f.id)).toEqual(['f2']);
    expect(plan.conflicts.map((c) => [c.family.id, c.parts])).toEqual([['f1', ['name', 'goals']]]);
    expect(plan.idClashes.map((c) => [c.family.id, c.ids, c.usedBy])).toEqual([['f7', ['f2-a'], ['f2']]]);
    expect(differingParts(family('f1'), family('f1'))).toEqual([]);
    expect(importOperations(plan, undefined).map((o) => [o.family.id, o.replace])).toEqual([['f3', false]]);
    expect(importOperations(plan, 'ours').map((o) => [o.family.id, o.replace])).toEqual([['f3', false]]);
    expect(importOperations(plan, 'theirs').map((o) => [o.family.id, o.replace])).toEqual([['f3', false], ['f1', true]]);
  });
});

describe('family.import and family.erase', () => {
  const apply = (inputs: OperationInput[]) => {
    const start = state(family('f1'), family('f2'));
    const ws = new StateWorkspace(start);
    const result = runTransaction(ws, inputs.map((i) => OperationSchema.parse(i)), { today: TODAY });
    return { ...result, state: ws.result(start) };
  };

  it('adds or replaces a whole family, validated', () => {
    expect(apply([{ op: 'family.import', family: family('f3') }]).state.families.map((f) => f.id)).toEqual(['f1', 'f2', 'f3']);
    const replaced = apply([{ op: 'family.import', family: { ...family('f1'), name: 'Familien Ny' }, replace: true }]);
    expect(replaced.state.families[0]?.name).toBe('Familien Ny');
    expect(replaced.changes.map((c) => [c.familyId, c.before?.name])).toEqual([['f1', 'Familien f1']]);
    expect(OperationSchema.safeParse({ op: 'family.import', family: { id: 'f3' } }).success).toBe(false);
  });

  it('refuses an existing family without replace, and ids another family uses', () => {
    expect(() => apply([{ op: 'family.import', family: family('f1') }])).toThrow(/family f1 already exists/);
    const error = (() => {
      try {
        apply([{ op: 'family.import', family: { ...family('f3'), members: [{ id: 'f1-a', name: 'X', role: 'adult' }] } }]);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TransactionError);
    expect((error as Error).message).toBe('family f3: ids already used by another family: f1-a');
  });

  it('erases a family that exists', () => {
    const { state: after, changes } = apply([{ op: 'family.erase', familyId: 'f1' }]);
    expect(after.families.map((f) => f.id)).toEqual(['f2']);
    expect(changes[0]?.after).toBeNull();
    expect(() => apply([{ op: 'family.erase', familyId: 'f9' }])).toThrow(/no family f9/);
  });
});
