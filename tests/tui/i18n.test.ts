import { describe, expect, it } from 'vitest';
import { OperationSchema } from '../../src/domain/operations.js';
import { problemIn } from '../../src/tui/i18n.js';

/** The message the store's schema gives for an operation, as a dialog would show it. */
const problemOf = (input: Record<string, unknown>) => {
  const parsed = OperationSchema.safeParse(input);
  if (parsed.success) throw new Error('expected a problem');
  return parsed.error.issues[0]?.message ?? '';
};

describe("the dialogs' validation messages in Danish", () => {
  it('translates what the schema says, from the real messages', () => {
    expect(problemIn(problemOf({ op: 'goal.progress', goalId: 'g1', score: 11 }), 'da')).toBe('skal være et helt tal fra 0 til 10');
    expect(problemIn(problemOf({ op: 'goal.add', familyId: 'f1', title: 'Mål', sector: 'school' }), 'da')).toBe('mangler: en dato som ÅÅÅÅ-MM-DD, f.eks. 2026-11-24');
    expect(problemIn(problemOf({ op: 'goal.add', familyId: 'f1', title: 'Mål', sector: 'school', due: '2026-02-30' }), 'da')).toBe('skal være en rigtig dato som ÅÅÅÅ-MM-DD, f.eks. 2026-11-24');
    expect(problemIn(problemOf({ op: 'contact.resolve', contactId: 'c1', resolution: '   ' }), 'da')).toMatch(/^må ikke være tom \(/);
    expect(problemIn(problemOf({ op: 'goal.status', goalId: 'g1', status: 'done' }), 'da')).toMatch(/^skal være en af: proposed, active/);
  });

  it('leaves English, and messages it does not know, as they are', () => {
    expect(problemIn('must be a whole number from 0 to 10', 'en')).toBe('must be a whole number from 0 to 10');
    expect(problemIn('no goal g99 (famcoord family FAMILY_ID shows the ids)', 'da')).toBe('no goal g99 (famcoord family FAMILY_ID shows the ids)');
  });
});
