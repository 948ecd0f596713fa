import { describe, expect, it } from 'vitest';
import { applyOperation, OperationSchema } from '../../src/domain/operations.js';
import { StateWorkspace } from '../../src/domain/workspace.js';
import { contact, family, state } from '../helpers/fixtures.js';
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
    expect(problemIn(problemOf({ op: 'goal.add', familyId: 'f1', title: 'Mål', sector: 'school' }), 'da')).toBe('skriv en dato som ÅÅÅÅ-MM-DD, f.eks. 2026-11-24');
    expect(problemIn(problemOf({ op: 'goal.add', familyId: 'f1', title: 'Mål', sector: 'school', due: '2026-02-30' }), 'da')).toBe('skal være en rigtig dato som ÅÅÅÅ-MM-DD, f.eks. 2026-11-24');
    expect(problemIn(problemOf({ op: 'contact.resolve', contactId: 'c1', resolution: '   ' }), 'da')).toMatch(/^må ikke være tom \(/);
    expect(problemIn(problemOf({ op: 'goal.status', goalId: 'g1', status: 'done' }), 'da')).toMatch(/^skal være en af: proposed, active/);
  });

  it("translates the operations' refusals, from the real messages", () => {
    const refusal = (input: Record<string, unknown>) => {
      const ws = new StateWorkspace(state(family('f1', { contacts: [contact('c1', '2026-11-01', 'resolved')] })));
      try {
        applyOperation(ws, OperationSchema.parse(input), { today: '2026-11-24' });
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('expected a refusal');
    };
    expect(problemIn(refusal({ op: 'goal.progress', goalId: 'g99', score: 5 }), 'da')).toBe('mål g99 findes ikke (længere)');
    expect(problemIn(refusal({ op: 'contact.resolve', contactId: 'c1', resolution: 'Igen' }), 'da')).toBe('henvendelse c1 er allerede afklaret');
    expect(problemIn(refusal({ op: 'contact.add', familyId: 'f1', sector: 'school', subject: 'PPR', opened: '2026-11-20', replyBy: '2026-11-10' }), 'da')).toBe('svarfristen ligger før den dag, henvendelsen blev oprettet');
  });

  it('leaves English, and messages it does not know, as they are', () => {
    expect(problemIn('must be a whole number from 0 to 10', 'en')).toBe('must be a whole number from 0 to 10');
    expect(problemIn('the store is locked by another famcoord', 'da')).toBe('the store is locked by another famcoord');
  });
});
