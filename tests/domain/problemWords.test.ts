// The domain's and the stores' English refusals in Danish: one table for the workbench and the CLI.
import { describe, expect, it } from 'vitest';
import { danishProblem, problemInLang } from '../../src/domain/problemWords.js';

describe('problems in Danish', () => {
  it('words the refusals of operations, with their ids', () => {
    expect(danishProblem('nothing to change: goal g1 already has these values')).toBe('intet at ændre: mål g1 har allerede disse værdier');
    expect(danishProblem('no member p9 in family f1; its members: p1, p2')).toBe('familie f1 har ingen person p9; dens personer: p1, p2');
    expect(danishProblem('nothing to change: together the operations leave every family as it was')).toBe('intet at ændre: tilsammen efterlader handlingerne alle familier, som de var');
  });

  it('words a missing value and an indicator value by the parts they are made of', () => {
    expect(danishProblem('is required: a date as YYYY-MM-DD, e.g. 2026-11-24')).toBe('mangler: en dato som ÅÅÅÅ-MM-DD, f.eks. 2026-11-24');
    expect(danishProblem('must be a whole number from 0 to 10 for qualityOfLife')).toBe('skal være et helt tal fra 0 til 10 for livskvalitet');
  });

  it('leaves a message it does not know, and English, as they are', () => {
    expect(danishProblem('something new')).toBe('something new');
    expect(problemInLang('nothing to change: goal g1 already has these values', 'en')).toBe('nothing to change: goal g1 already has these values');
  });
});
