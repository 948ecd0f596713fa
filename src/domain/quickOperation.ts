// An operation checked by the quick parse of its schema (schemaVerdict.ts), from the shapes the
// build wrote out (schemaShapes.generated.ts): no zod is loaded. Undefined when the quick parse does
// not pass it, or its schema is not modelled: then zod's parse (operations.ts) judges and words it.
import type { Operation } from './operations.js';
import { OPERATION_SHAPES } from './schemaShapes.generated.js';
import { NOT_PASSED, quickParser, type QuickParse } from './schemaVerdict.js';

/** Each operation's quick parse, built the first time it is asked for; null: not modelled. */
const quickParsers = new Map<string, QuickParse | null>();

export function quickParseOperation(input: unknown): Operation | undefined {
  const name = typeof input === 'object' && input !== null ? (input as { op?: unknown }).op : undefined;
  if (typeof name !== 'string' || !Object.hasOwn(OPERATION_SHAPES, name)) return undefined;
  let parse = quickParsers.get(name);
  if (parse === undefined) {
    const shape = OPERATION_SHAPES[name];
    quickParsers.set(name, (parse = shape ? quickParser(shape) : null));
  }
  const parsed = parse?.(input);
  return parsed === undefined || parsed === NOT_PASSED ? undefined : (parsed as Operation);
}
