import { describe, expect, it } from 'vitest';
import { formatTable } from '../../src/cli/table.js';

describe('text tables', () => {
  it('take a table of hundreds of thousands of rows (a whole municipality on today)', () => {
    // Math.max(...cells) put every row on the stack and threw a RangeError well before this.
    const rows = Array.from({ length: 300_000 }, (_, i) => i);
    const text = formatTable([{ header: 'N', value: (n: number) => n, align: 'right' }], rows);
    expect(text.split('\n')).toHaveLength(300_001);
    expect(text.split('\n')[1]).toBe('     0');
  });
});
