import { describe, expect, it } from 'vitest';
import { closestNames, editDistance, unknownNameMessage } from '../../src/domain/suggest.js';

describe('closest known names', () => {
  it('counts the fewest one-character edits', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('Hanne', 'Hanne')).toBe(0);
    expect(editDistance('Hane', 'Hanne')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('lists the closest first, ignoring case, each once, ties in Danish order', () => {
    const known = ['Mette Hansen', 'Hanne Kjær', 'Hanne Kjær', 'Åse Holm', 'Anne Kjær'];
    expect(closestNames('hanne kjar', known, 2)).toEqual(['Hanne Kjær', 'Anne Kjær']);
    expect(closestNames('xx', ['Åa', 'Za', 'Ab'])).toEqual(['Ab', 'Za', 'Åa']);
    expect(closestNames('f999', ['f1', 'f99', 'f998', 'f12', 'f9'], 3)).toEqual(['f99', 'f998', 'f9']);
    expect(closestNames('x', [])).toEqual([]);
  });

  it('says what was typed, cleaned and cut short, and the closest known names', () => {
    expect(unknownNameMessage('caseload', 'Nobdy', ['Hanne', 'Mette', 'Nobody Else'], { quote: true })).toBe('unknown caseload "Nobdy"; known: Hanne, Mette, Nobody Else');
    expect(unknownNameMessage('family', 'f9\u001b[2J', ['f1', 'f9'])).toBe('unknown family f9; known: f9, f1');
    expect(unknownNameMessage('family', 'x'.repeat(100), [])).toBe(`unknown family ${'x'.repeat(64)}; there are none yet`);
  });
});
