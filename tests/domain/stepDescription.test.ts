import { describe, expect, it } from 'vitest';
import { describeStepSummary, stepSummary } from '../../src/domain/stepDescription.js';
import type { FamilyLogStep } from '../../src/domain/familyLog.js';

const step = (ops: FamilyLogStep['ops'], familyIds: string[], extra: Partial<FamilyLogStep> = {}): FamilyLogStep => ({
  step: 7,
  time: '2026-11-24T09:42:00.000Z',
  user: 'hanne',
  source: 'cli',
  ops,
  familyIds,
  before: {},
  ...extra,
});
const COPENHAGEN = { timeZone: 'Europe/Copenhagen', today: '2026-11-24' };

describe('a step described for undo and redo', () => {
  it('names the operation, its object, who and when (local time), in English and Danish', () => {
    const summary = stepSummary(step([{ op: 'goal.progress', goalId: 'g12', score: 4, note: '', date: '2026-11-24' }], ['f3']));
    expect(summary).toEqual({ step: 7, user: 'hanne', time: '2026-11-24T09:42:00.000Z', operations: ['goal.progress'], operationCount: 1, targets: ['g12'] });
    expect(describeStepSummary(summary, { ...COPENHAGEN, lang: 'en' })).toBe('progress on g12 by hanne at 10:42');
    expect(describeStepSummary(summary, { ...COPENHAGEN, lang: 'da' })).toBe('fremskridt på g12 af hanne kl. 10:42');
    expect(describeStepSummary(summary, { ...COPENHAGEN, today: '2026-11-25', lang: 'en' })).toBe('progress on g12 by hanne at 10:42 on 24 Nov');
    expect(describeStepSummary(summary, { ...COPENHAGEN, today: '2027-01-02', lang: 'da' })).toBe('fremskridt på g12 af hanne kl. 10:42 den 24.11.2026');
  });

  it('names a batch by its families, a few of them when there are many, and a family op by its family', () => {
    const progress = { op: 'goal.progress' as const, goalId: 'g1', score: 4, note: '', date: '2026-11-24' };
    expect(describeStepSummary(stepSummary(step(Array(12).fill(progress), ['f3', 'f7'])), { ...COPENHAGEN, lang: 'en' })).toBe('batch of 12 operations on f3, f7 by hanne at 10:42');
    const many = Array.from({ length: 224 }, (_, i) => `f${i + 1}`);
    expect(describeStepSummary(stepSummary(step(Array(224).fill(progress), many)), { ...COPENHAGEN, lang: 'da' })).toBe('batch med 224 operationer på f1, f2, f3 og 221 flere af hanne kl. 10:42');
    expect(stepSummary(step([{ op: 'contact.add', familyId: 'f2', sector: 'school', subject: 'PPR', opened: '2026-11-24' } as never], ['f2'])).targets).toEqual(['f2']);
    expect(stepSummary(step([{ op: 'goal.progress', familyId: 'f4', erased: true }], ['f4'])).targets).toEqual(['f4']);
  });

  it('keeps control characters in a user name off the terminal', () => {
    const summary = stepSummary(step([], ['f1'], { user: 'evil\u001b[2Jname' }));
    expect(describeStepSummary(summary, { ...COPENHAGEN, lang: 'en' })).not.toContain('\u001b');
  });
});
