// A quick parse by a zod schema, built from the schema itself, for the checks a change runs on
// data that is nearly always valid (a batch's lines, the families a step leaves behind). zod stays
// the definition and the judge: the quick parse answers only where zod would accept the value, and
// gives what zod's parse would give (its defaults filled in, its fields in its order); a value it
// does not pass, or a schema using a feature not modelled here, goes to zod, which gives the answer
// and the messages. zod's own parse, jitless (zodSetup.ts), keeps a payload and a list of issues
// per node, ~0.5 ms per family of the demo on a first run; its ahead-of-time `compile` generates
// code with `new Function`, which is never in V8's code cache and took longer to compile than a
// batch's checks take (issue 19).
//
// Modelled, each as zod's runtime does it (v4 core, schemas.js): strings, numbers, booleans, enums,
// literals, arrays, objects (loose, strict or stripping), optional, default, discriminated unions,
// preprocess (a transform piped into a schema), unknown; and the checks length, pattern, whole
// number, bounds and refine. Coercion, other string formats, other checks, async and recursive
// schemas are not: such a schema gets no quick parse (undefined), and its callers use zod alone.
// tests/domain/schemaVerdict.test.ts compares the answers with zod's on thousands of changed values.
import type * as z from 'zod';

/** What a quick parse returns for a value it does not pass (zod may still accept it). */
export const NOT_PASSED: unique symbol = Symbol('not passed');

/** zod's output for a value it accepts; NOT_PASSED for any other. */
export type QuickParse = (value: unknown) => unknown;

/** True: zod accepts the value. False: ask zod. */
export type Verdict = (value: unknown) => boolean;

/** The parts of zod's internals a quick parse reads (zod v4's `_zod`). */
interface Internals {
  def: Record<string, unknown> & { type: string; checks?: Schema[] };
  traits: Set<string>;
  optin?: 'optional' | 'defaulted';
  optout?: 'optional';
  values?: Set<unknown>;
  check?: (payload: { value: unknown; issues: unknown[] }) => unknown;
}
type Schema = { _zod: Internals };

/** The checks whose only effect is an issue when the value fails them (none changes the value). */
const PLAIN_CHECKS = new Set(['max_length', 'min_length', 'length_equals', 'number_format', 'greater_than', 'less_than']);

class Unmodelled extends Error {}

/** What zod does with an object's field that is missing (handlePropertyResult), by its schema's optin and optout. */
const MISSING_REFUSED = 0; // an issue: the field is required
const MISSING_SKIPPED = 1; // nothing: optional in and out
const MISSING_KEPT = 2; // parsed, and kept in the output even when undefined: defaulted in, not optional out
const MISSING_PARSED = 3; // parsed, and kept in the output only when it gives a value

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** zod's parse of `schema`, quicker; undefined when the schema uses something not modelled. */
export function quickParser(schema: z.ZodType): QuickParse | undefined {
  return build(schema as unknown as Schema, true);
}

/** Whether zod accepts a value (false: ask zod), without building its output; undefined as quickParser. */
export function verdictOf(schema: z.ZodType): Verdict | undefined {
  const parse = build(schema as unknown as Schema, false);
  return parse && ((value) => parse(value) !== NOT_PASSED);
}

/**
 * The quick parse of a schema. Without `output`, what it returns for a value it passes is only
 * told apart from NOT_PASSED: objects and lists are not copied, nor defaults made.
 */
function build(root: Schema, output: boolean): QuickParse | undefined {
  const built = new Map<Schema, QuickParse>();
  const building = new Set<Schema>();
  try {
    return node(root);
  } catch (error) {
    if (error instanceof Unmodelled) return undefined;
    throw error;
  }

  function node(schema: Schema): QuickParse {
    const known = built.get(schema);
    if (known) return known;
    if (building.has(schema)) throw new Unmodelled(); // a recursive schema
    building.add(schema);
    // zod runs a schema's checks on what its type's parse gave.
    const checks = (schema._zod.def.checks ?? []).map(checkOf);
    const parse = schema._zod.def.type === 'string' ? stringParse(schema, checks) : withChecks(typeParse(schema), checks);
    building.delete(schema);
    built.set(schema, parse);
    return parse;
  }

  function withChecks(parseType: QuickParse, checks: ReadonlyArray<(value: unknown) => boolean>): QuickParse {
    if (checks.length === 0) return parseType;
    return (value) => {
      const parsed = parseType(value);
      if (parsed === NOT_PASSED) return NOT_PASSED;
      for (let i = 0; i < checks.length; i++) if (!(checks[i] as (value: unknown) => boolean)(parsed)) return NOT_PASSED;
      return parsed;
    };
  }

  function typeParse(schema: Schema): QuickParse {
    const { def, traits } = schema._zod;
    switch (def.type) {
      case 'number':
        if (def.coerce || traits.has('$ZodNumberFormat')) throw new Unmodelled();
        return (value) => (typeof value === 'number' && Number.isFinite(value) ? value : NOT_PASSED);
      case 'boolean':
        if (def.coerce) throw new Unmodelled();
        return (value) => (typeof value === 'boolean' ? value : NOT_PASSED);
      case 'enum':
      case 'literal': {
        const values = schema._zod.values;
        if (!values) throw new Unmodelled();
        return (value) => (values.has(value) ? value : NOT_PASSED);
      }
      case 'unknown':
        return (value) => value;
      case 'optional': {
        const inner = def.innerType as Schema;
        if (!traits.has('$ZodOptional') || traits.has('$ZodExactOptional') || inner._zod.optin === 'defaulted') throw new Unmodelled();
        const parseInner = node(inner);
        return (value) => (value === undefined ? undefined : parseInner(value));
      }
      case 'default': {
        // A missing value takes the default (a fresh copy each time it is read), which zod does not check.
        const parseInner = node(def.innerType as Schema);
        const fallback = () => (output ? def.defaultValue : undefined);
        return (value) => {
          if (value === undefined) return fallback();
          const parsed = parseInner(value);
          return parsed === undefined ? fallback() : parsed;
        };
      }
      case 'array': {
        const parseElement = node(def.element as Schema);
        return (value) => {
          if (!Array.isArray(value)) return NOT_PASSED;
          const parsed: unknown[] | undefined = output ? new Array(value.length) : undefined;
          for (let i = 0; i < value.length; i++) {
            const element = parseElement(value[i]);
            if (element === NOT_PASSED) return NOT_PASSED;
            if (parsed) parsed[i] = element;
          }
          return parsed ?? value;
        };
      }
      case 'object':
        return objectParse(def);
      case 'union': {
        // A discriminated union parses by the option its discriminator's value names, as zod's map does.
        const discriminator = def.discriminator;
        if (typeof discriminator !== 'string' || def.unionFallback) throw new Unmodelled();
        const byValue = new Map<unknown, QuickParse>();
        for (const option of def.options as Schema[]) {
          const values = (option._zod.def.shape as Record<string, Schema> | undefined)?.[discriminator]?._zod.values;
          if (option._zod.def.type !== 'object' || !values) throw new Unmodelled();
          for (const value of values) {
            if (byValue.has(value)) throw new Unmodelled();
            byValue.set(value, node(option));
          }
        }
        return (value) => {
          const option = isObject(value) ? byValue.get(value[discriminator]) : undefined;
          return option ? option(value) : NOT_PASSED;
        };
      }
      case 'pipe': {
        // z.preprocess(fn, schema): the schema parses what the transform made of the value.
        const input = def.in as Schema;
        if (input._zod.def.type !== 'transform' || (input._zod.def.checks ?? []).length > 0) throw new Unmodelled();
        const transform = input._zod.def.transform as (value: unknown, payload: { value: unknown; issues: unknown[] }) => unknown;
        const parseOutput = node(def.out as Schema);
        return (value) => {
          const payload = { value, issues: [] as unknown[] };
          const transformed = transform(value, payload);
          return transformed instanceof Promise || payload.issues.length > 0 ? NOT_PASSED : parseOutput(transformed);
        };
      }
      default:
        throw new Unmodelled();
    }
  }

  /** An object, field by field as zod's handlePropertyResult takes each, then the keys it does not name. */
  function objectParse(def: Internals['def']): QuickParse {
    const shape = def.shape as Record<string, Schema>;
    const keys = Object.keys(shape);
    if (Object.getOwnPropertySymbols(shape).length > 0 || keys.includes('__proto__')) throw new Unmodelled();
    const catchall = def.catchall as Schema | undefined;
    const catchallType = catchall?._zod.def.type;
    // Loose objects (unknown) keep any other key as it is, stripping ones (none) drop it, strict ones (never) refuse it.
    if (catchall !== undefined && catchallType !== 'unknown' && catchallType !== 'never') throw new Unmodelled();
    const known = new Set(keys);
    // Parallel lists walked by index: this runs for every object of every family a step checks,
    // mostly before V8 has compiled it, where each destructured field and closure call counts.
    const parsers = keys.map((key) => node(shape[key] as Schema));
    const missing = keys.map((key) => {
      const { optin, optout } = (shape[key] as Schema)._zod;
      return optin === undefined ? MISSING_REFUSED : optin === 'optional' && optout === 'optional' ? MISSING_SKIPPED : optin === 'defaulted' && optout !== 'optional' ? MISSING_KEPT : MISSING_PARSED;
    });
    return (value) => {
      if (!isObject(value)) return NOT_PASSED;
      const parsed: Record<string, unknown> | undefined = output ? {} : undefined;
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i] as string;
        const field = value[key];
        // zod: a missing key is an issue unless its schema takes undefined in (optional, default).
        const present = field !== undefined || key in value;
        if (!present && missing[i] === MISSING_REFUSED) return NOT_PASSED;
        if (!present && missing[i] === MISSING_SKIPPED) continue;
        const result = (parsers[i] as QuickParse)(field);
        if (result === NOT_PASSED) return NOT_PASSED;
        if (parsed && (result !== undefined || present || missing[i] === MISSING_KEPT)) parsed[key] = result;
      }
      if (catchallType === 'never' || parsed)
        for (const key in value) {
          if (known.has(key)) continue;
          if (catchallType === 'never') return NOT_PASSED;
          if (parsed && catchallType === 'unknown' && key !== '__proto__') parsed[key] = value[key];
        }
      return parsed ?? value;
    };
  }
}

/** A string and its checks in one function: every id, date and text of a family is one. */
function stringParse(schema: Schema, checks: ReadonlyArray<(value: unknown) => boolean>): QuickParse {
  const { def, traits } = schema._zod;
  if (def.coerce || def.format !== undefined || traits.has('$ZodStringFormat')) throw new Unmodelled();
  const [first, second] = checks as [(value: unknown) => boolean, (value: unknown) => boolean];
  switch (checks.length) {
    case 0:
      return (value) => (typeof value === 'string' ? value : NOT_PASSED);
    case 1:
      return (value) => (typeof value === 'string' && first(value) ? value : NOT_PASSED);
    case 2:
      return (value) => (typeof value === 'string' && first(value) && second(value) ? value : NOT_PASSED);
    default:
      return (value) => (typeof value === 'string' && checks.every((check) => check(value)) ? value : NOT_PASSED);
  }
}

/**
 * One check, on the output of its schema's type. The two on every id, date and text (a refine, a
 * pattern) are called as zod's check functions call them, without a payload to allocate; the
 * others through zod's own check function.
 */
function checkOf(check: Schema): (value: unknown) => boolean {
  const { def } = check._zod;
  if (def.check === 'custom' && typeof def.fn === 'function') {
    // zod: an issue unless fn's result is truthy (a promise is async, which zod refuses here).
    const fn = def.fn as (value: unknown) => unknown;
    return (value) => {
      const result = fn(value);
      return Boolean(result) && !(result instanceof Promise);
    };
  }
  const pattern = def.pattern;
  if (def.check === 'string_format' && def.format === 'regex' && pattern instanceof RegExp && !pattern.global && !pattern.sticky)
    return (value) => pattern.test(value as string);
  const run = check._zod.check;
  if (!PLAIN_CHECKS.has(def.check as string) || typeof run !== 'function') throw new Unmodelled();
  const byZod = (value: unknown) => {
    const payload = { value, issues: [] as unknown[] };
    const result = run(payload);
    return !(result instanceof Promise) && payload.issues.length === 0 && payload.value === value;
  };
  // The common cases answered at once (each as zod's check decides them); zod's check for the rest.
  switch (def.check) {
    case 'greater_than':
      return def.inclusive ? (value) => (value as number) >= (def.value as number) : (value) => (value as number) > (def.value as number);
    case 'less_than':
      return def.inclusive ? (value) => (value as number) <= (def.value as number) : (value) => (value as number) < (def.value as number);
    case 'number_format':
      return def.format === 'safeint' ? (value) => Number.isSafeInteger(value) : byZod;
    case 'max_length':
      // zod counts code points, never more than the UTF-16 units `length` counts.
      return (value) => (value as { length: number }).length <= (def.maximum as number) || byZod(value);
    default:
      return byZod;
  }
}
