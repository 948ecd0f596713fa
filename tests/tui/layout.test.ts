import { describe, expect, it } from 'vitest';
import { allocateHeights, columnWidths, displayWidth, fit } from '../../src/tui/layout.js';

describe('layout', () => {
  it('fits text to an exact width by display columns', () => {
    expect(fit('Familien Østergaard', 10)).toBe('Familien …');
    expect(fit('ab', 4, 'right')).toBe('  ab');
    expect(displayWidth(fit('日本語のテキスト', 7))).toBeLessThanOrEqual(7);
    expect(fit('x', 0)).toBe('');
  });

  it('fills the width exactly with columns, or shrinks them when the terminal is too narrow', () => {
    const columns = [{ min: 5, grow: 0 }, { min: 10, grow: 2 }, { min: 8, grow: 1 }];
    for (const width of [40, 80, 200]) {
      const widths = columnWidths(columns, width);
      expect(widths.reduce((a, b) => a + b, 0) + 2).toBe(width);
      expect(widths[0]).toBe(5);
    }
    expect(columnWidths(columns, 12).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10);
  });

  it('shares lines between panels by need, using the whole height', () => {
    // The short panel gets what it needs (4); the two long ones share the rest evenly.
    expect(allocateHeights([12, 4, 30], 21)).toEqual([9, 4, 8]);
    expect(allocateHeights([2, 2, 2], 21).reduce((a, b) => a + b, 0)).toBe(21);
    expect(allocateHeights([50, 50, 50], 21)).toEqual([7, 7, 7]);
  });
});
