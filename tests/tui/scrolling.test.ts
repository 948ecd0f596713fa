import { describe, expect, it } from 'vitest';
import { blockHeading, blockLetters, BLOCK_LETTER_HEIGHT } from '../../src/tui/blockLetters.js';
import { stackHeights } from '../../src/tui/layout.js';
import { deltaToShow, FOLLOW_END, followSelection, pageLength, positionText, scrolledWindow, scrollTop } from '../../src/tui/scrolling.js';

describe('the scrolling model', () => {
  it('keeps the selected row on screen, centred where it can be', () => {
    expect(followSelection(5, 4, 10)).toEqual({ start: 0, end: 5, total: 5 });
    expect(followSelection(100, 50, 10)).toEqual({ start: 45, end: 55, total: 100 });
    expect(followSelection(100, 99, 10)).toEqual({ start: 90, end: 100, total: 100 });
    for (let selected = 0; selected < 30; selected++) {
      const { start, end } = followSelection(30, selected, 7);
      expect(selected >= start && selected < end).toBe(true);
      expect(end - start).toBe(7);
    }
  });

  it('scrolls a text freely, clamped, and follows its end again once scrolled back down', () => {
    expect(scrolledWindow(30, FOLLOW_END, 9)).toEqual({ start: 21, end: 30, total: 30 });
    expect(scrolledWindow(30, 0, 9)).toEqual({ start: 0, end: 9, total: 30 });
    expect(scrolledWindow(4, FOLLOW_END, 9)).toEqual({ start: 0, end: 4, total: 4 });
    const up = scrollTop(FOLLOW_END, -pageLength(9), 30, 9);
    expect(up).toBe(13);
    expect(scrollTop(up, -100, 30, 9)).toBe(0);
    expect(scrollTop(up, 5, 30, 9)).toBe(18);
    expect(scrollTop(up, 100, 30, 9)).toBe(FOLLOW_END);
    // A text that grew keeps following its newest line.
    expect(scrolledWindow(31, scrollTop(up, 100, 30, 9), 9).end).toBe(31);
  });

  it('says where the window is, in Danish and English, and nothing when all fits', () => {
    expect(positionText({ start: 11, end: 20, total: 30 }, 'da')).toBe('12–20 af 30 ▲▼');
    expect(positionText({ start: 0, end: 9, total: 30 }, 'en')).toBe('1–9 of 30 ▼');
    expect(positionText({ start: 21, end: 30, total: 30 }, 'da')).toBe('22–30 af 30 ▲');
    expect(positionText({ start: 0, end: 30, total: 30 }, 'da')).toBe('');
  });
});

describe('a stack of panels in a small terminal', () => {
  it('shares the height by need when there is room', () => {
    expect(stackHeights([12, 4, 30], 0, 21)).toEqual([9, 4, 8]);
  });

  it('keeps the focused panel\'s rows and collapses the others to their titles', () => {
    // 60×15: 11 lines for Today's three panels.
    const heights = stackHeights([12, 6, 30], 1, 8);
    expect(heights).toEqual([1, 6, 1]);
    expect(stackHeights([12, 6, 30], 2, 8)).toEqual([1, 1, 6]);
    expect(stackHeights([40, 40, 40, 40], 3, 11)).toEqual([1, 1, 1, 8]);
    for (const focused of [0, 1, 2]) expect(stackHeights([30, 30, 30], focused, 11).reduce((a, b) => a + b, 0)).toBe(11);
  });
});

describe('large letters for the live view', () => {
  it('draws text three lines high, four columns a letter, and wraps a heading by words', () => {
    const lines = blockLetters('Møde 1');
    expect(lines).toHaveLength(BLOCK_LETTER_HEIGHT);
    expect(lines[0]).toBe('█▄█ ▄▀█ █▀▄ █▀▀     ▄█');
    expect(Math.max(...lines.map((l) => [...l].length))).toBeLessThanOrEqual(6 * 4);
    const heading = blockHeading('Stormøde Familien Berg', 60);
    expect(heading).toHaveLength(6); // "STORMØDE" / "FAMILIEN BERG"
    for (const line of heading) expect([...line].length).toBeLessThanOrEqual(60);
    expect(blockHeading('flerfagligt statusmøde om Ida', 20, 1).every((l) => [...l].length <= 20)).toBe(true);
    expect(blockHeading('x', 2)).toEqual([]);
  });
});

describe('a selection in a freely scrolled text (the minutes)', () => {
  it('moves the window the least that shows the selected lines, the first of them when they do not fit', () => {
    const window = { start: 10, end: 20, total: 40 };
    expect(deltaToShow(window, 12, 13)).toBe(0);
    expect(deltaToShow(window, 7, 7)).toBe(-3);
    expect(deltaToShow(window, 20, 21)).toBe(2);
    expect(deltaToShow(window, 15, 30)).toBe(5);
  });
});
