import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/domain/errors.js';
import { parseExport } from '../../src/domain/exchange.js';
import { MAX_NESTING, nestingProblem } from '../../src/domain/nesting.js';
import { parseState } from '../../src/domain/validate.js';
import { family, state } from '../helpers/fixtures.js';

/** An object `levels` deep: { a: { a: … 1 } }. */
function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

describe('nestingProblem', () => {
  it('accepts data up to MAX_NESTING levels, counting arrays and objects', () => {
    expect(nestingProblem(nested(MAX_NESTING))).toBeUndefined();
    expect(nestingProblem([[[1]]], 3)).toBeUndefined();
    expect(nestingProblem('text')).toBeUndefined();
  });

  it('names the place where data nests deeper, cut short after a few levels', () => {
    expect(nestingProblem(nested(MAX_NESTING + 1))).toEqual({ path: 'a.a.a.a.a.a…', message: `is nested more than ${MAX_NESTING} levels deep` });
    expect(nestingProblem([[[[1]]]], 3)).toEqual({ path: '[0][0][0]', message: 'is nested more than 3 levels deep' });
    expect(nestingProblem({ families: [{ id: 'f1', x: [1] }] }, 3)).toEqual({ path: 'families[0] (f1).x', message: 'is nested more than 3 levels deep' });
  });

  it('walks 100,000 levels without running out of stack', () => {
    expect(nestingProblem({ ok: 1, deep: nested(100_000) })?.path).toBe('deep.a.a.a.a.a…');
  });
});

describe('a store or an export nested 3,000 levels deep in an unknown field', () => {
  const deepState = () => state(family('f1'), family('f2', { notes: nested(3000) } as object));

  it('is refused by parseState with the family and field named', () => {
    const error = (() => {
      try {
        parseState(JSON.parse(JSON.stringify(deepState())));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems).toEqual([{ path: 'families[1] (f2).notes.a.a.a…', message: `is nested more than ${MAX_NESTING} levels deep` }]);
  });

  it('is refused by parseExport', () => {
    const file = { format: 'famcoord-export', version: 1, exported: '2026-11-24T10:00:00Z', families: deepState().families };
    expect(() => parseExport(file)).toThrow(/families\[1\] \(f2\)\.notes\.a\.a\.a…: is nested more than 64 levels deep/);
  });
});
