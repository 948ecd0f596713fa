import { describe, expect, it } from 'vitest';
import { idChanges, idsOf } from '../../src/domain/workspace.js';
import { family, goal } from '../helpers/fixtures.js';

describe('the ids a new version of a family adds and drops', () => {
  const before = family('f1', { goals: [goal('g1', '2026-12-01'), goal('g2', '2027-01-01')] });

  it('are all its ids for a new family, and none for an edit that keeps them', () => {
    expect(idChanges(undefined, before)).toEqual({ added: idsOf(before), removed: [] });
    const edited = { ...before, goals: [{ ...(before.goals[0] as (typeof before.goals)[number]), status: 'completed' as const }, before.goals[1] as (typeof before.goals)[number]] };
    expect(idChanges(before, edited)).toEqual({ added: [], removed: [] });
    expect(idChanges(before, { ...before, name: 'Familien Nyt Navn' })).toEqual({ added: [], removed: [] });
  });

  it('are the objects added and taken out, list by list', () => {
    const next = { ...before, goals: [before.goals[1] as (typeof before.goals)[number], goal('g9', '2027-02-01')], members: before.members.slice(1) };
    expect(idChanges(before, next)).toEqual({ added: ['g9'], removed: ['f1-a', 'g1'] });
  });
});
