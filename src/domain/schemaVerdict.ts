// A quick parse by a zod schema, for the checks a change runs on data that is nearly always valid
// (a batch's lines, the families a step leaves behind), without loading zod. zod stays the
// definition and the judge: schemaShape.ts reads each schema's definition into a Shape, plain data
// that the build writes out (schemaShapes.generated.ts, checked by a test to match the schemas),
// and this module builds the quick parse from it. The quick parse answers only where zod would
// accept the value, and gives what zod's parse would give (its defaults filled in, its fields in
// its order); a value it does not pass goes to zod, which gives the answer and the messages. So a
// change whose input is valid loads no zod at all: building zod's schemas cost more than the rest
// of a one-line change's own work (issue 19). zod's own parse, jitless (zodSetup.ts), keeps a
// payload and a list of issues per node, ~0.5 ms per family of the demo on a first run; its
// ahead-of-time `compile` generates code with `new Function`, never in V8's code cache.
//
// Modelled, each as zod's runtime does it (v4 core, schemas.js): strings, numbers, booleans, enums,
// literals, arrays, objects (loose, strict or stripping), optional, nullable, default, discriminated unions,
// preprocess (a transform piped into a schema), unknown; and the checks length, pattern, whole
// number, bounds and the refines of fieldRules.ts and dates.ts. A schema using anything else gets
// no Shape, and its callers use zod alone. tests/domain/schemaVerdict.test.ts compares the answers
// with zod's on thousands of changed values.

/** What a quick parse returns for a value it does not pass (zod may still accept it). */
export const NOT_PASSED: unique symbol = Symbol('not passed');

/** zod's output for a value it accepts; NOT_PASSED for any other. */
export type QuickParse = (value: unknown) => unknown;

/** True: zod accepts the value. False: ask zod. */
export type Verdict = (value: unknown) => boolean;

/** A check zod runs on what a schema's type parsed, as plain data. */
export type Check =
  /** A refine: passes when the rule's result is truthy (and not a promise, which zod refuses here). */
  | { kind: 'rule'; rule: (value: never) => unknown }
  | { kind: 'pattern'; pattern: RegExp }
  | { kind: 'maxLength'; max: number }
  | { kind: 'minLength'; min: number }
  | { kind: 'atLeast' | 'above' | 'atMost' | 'below'; value: number }
  | { kind: 'safeInteger' };

/** What zod does with an object's field that is missing (handlePropertyResult), by its schema's optin and optout. */
export const MISSING_REFUSED = 0; // an issue: the field is required
export const MISSING_SKIPPED = 1; // nothing: optional in and out
export const MISSING_KEPT = 2; // parsed, and kept in the output even when undefined: defaulted in, not optional out
export const MISSING_PARSED = 3; // parsed, and kept in the output only when it gives a value
export type Missing = typeof MISSING_REFUSED | typeof MISSING_SKIPPED | typeof MISSING_KEPT | typeof MISSING_PARSED;

/** A zod schema as plain data: what the quick parse needs of it. */
export type Shape =
  | { type: 'string' | 'number' | 'boolean' | 'unknown'; checks?: readonly Check[] }
  /** An enum or a literal: one of these values. */
  | { type: 'values'; values: readonly unknown[] }
  | { type: 'optional'; inner: Shape }
  | { type: 'nullable'; inner: Shape }
  /** A missing value takes `value` (a fresh copy each time), which zod does not check. */
  | { type: 'default'; inner: Shape; value: unknown }
  | { type: 'array'; element: Shape; checks?: readonly Check[] }
  /** Each field's name, shape and what a missing one does; other keys kept (loose), dropped (stripping) or refused (strict). */
  | { type: 'object'; fields: ReadonlyArray<readonly [string, Shape, Missing]>; rest: 'keep' | 'drop' | 'refuse'; checks?: readonly Check[] }
  /** A discriminated union: the option whose `discriminator` field takes the value. */
  | { type: 'union'; discriminator: string; options: readonly Shape[] }
  /** z.preprocess(transform, out). */
  | { type: 'preprocess'; transform: (value: unknown) => unknown; out: Shape };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** zod's parse of a schema, quicker. */
export function quickParser(shape: Shape): QuickParse {
  return build(shape, true);
}

/** Whether zod accepts a value (false: ask zod), without building its output. */
export function verdictOf(shape: Shape): Verdict {
  const parse = build(shape, false);
  return (value) => parse(value) !== NOT_PASSED;
}

/**
 * The quick parse of a shape. Without `output`, what it returns for a value it passes is only
 * told apart from NOT_PASSED: objects and lists are not copied, nor defaults made.
 */
function build(root: Shape, output: boolean): QuickParse {
  const built = new Map<Shape, QuickParse>();
  return node(root);

  function node(shape: Shape): QuickParse {
    const known = built.get(shape);
    if (known) return known;
    // zod runs a schema's checks on what its type's parse gave.
    const checks = 'checks' in shape && shape.checks ? shape.checks.map(checkOf) : [];
    const parse = shape.type === 'string' ? stringParse(checks) : withChecks(typeParse(shape), checks);
    built.set(shape, parse);
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

  function typeParse(shape: Exclude<Shape, { type: 'string' }>): QuickParse {
    switch (shape.type) {
      case 'number':
        return (value) => (typeof value === 'number' && Number.isFinite(value) ? value : NOT_PASSED);
      case 'boolean':
        return (value) => (typeof value === 'boolean' ? value : NOT_PASSED);
      case 'values': {
        const values = new Set(shape.values);
        return (value) => (values.has(value) ? value : NOT_PASSED);
      }
      case 'unknown':
        return (value) => value;
      case 'optional': {
        const parseInner = node(shape.inner);
        return (value) => (value === undefined ? undefined : parseInner(value));
      }
      case 'nullable': {
        const parseInner = node(shape.inner);
        return (value) => (value === null ? null : parseInner(value));
      }
      case 'default': {
        // A missing value takes the default, a fresh (shallow) copy each time, as zod's getter gives it.
        const parseInner = node(shape.inner);
        const fallback = shape.value;
        const fresh = () => (!output ? undefined : Array.isArray(fallback) ? [...fallback] : isObject(fallback) ? { ...fallback } : fallback);
        return (value) => {
          if (value === undefined) return fresh();
          const parsed = parseInner(value);
          return parsed === undefined ? fresh() : parsed;
        };
      }
      case 'array': {
        const parseElement = node(shape.element);
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
        return objectParse(shape);
      case 'union': {
        // Parses by the option its discriminator's value names, as zod's map does.
        const { discriminator } = shape;
        const byValue = new Map<unknown, QuickParse>();
        for (const option of shape.options) {
          const field = option.type === 'object' ? option.fields.find(([key]) => key === discriminator)?.[1] : undefined;
          for (const value of field?.type === 'values' ? field.values : []) byValue.set(value, node(option));
        }
        return (value) => {
          const option = isObject(value) ? byValue.get(value[discriminator]) : undefined;
          return option ? option(value) : NOT_PASSED;
        };
      }
      case 'preprocess': {
        // z.preprocess(fn, schema): the schema parses what the transform made of the value.
        const { transform } = shape;
        const parseOutput = node(shape.out);
        return (value) => {
          const transformed = transform(value);
          return transformed instanceof Promise ? NOT_PASSED : parseOutput(transformed);
        };
      }
      default:
        throw new Error(`a ${shape.type} is parsed with its checks (stringParse)`);
    }
  }

  /** An object, field by field as zod's handlePropertyResult takes each, then the keys it does not name. */
  function objectParse(shape: Extract<Shape, { type: 'object' }>): QuickParse {
    const keys = shape.fields.map(([key]) => key);
    const known = new Set(keys);
    const { rest } = shape;
    // Parallel lists walked by index: this runs for every object of every family a step checks,
    // mostly before V8 has compiled it, where each destructured field and closure call counts.
    const parsers = shape.fields.map(([, field]) => node(field));
    const missing = shape.fields.map(([, , whenMissing]) => whenMissing);
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
      if (rest === 'refuse' || (parsed && rest === 'keep'))
        for (const key in value) {
          if (known.has(key)) continue;
          if (rest === 'refuse') return NOT_PASSED;
          if (parsed && key !== '__proto__') parsed[key] = value[key];
        }
      return parsed ?? value;
    };
  }
}

/** A string and its checks in one function: every id, date and text of a family is one. */
function stringParse(checks: ReadonlyArray<(value: unknown) => boolean>): QuickParse {
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

/** One check, on the output of its schema's type: true where zod's check passes the value; false: ask zod. */
function checkOf(check: Check): (value: unknown) => boolean {
  switch (check.kind) {
    case 'rule': {
      const rule = check.rule as (value: unknown) => unknown;
      return (value) => {
        const result = rule(value);
        return Boolean(result) && !(result instanceof Promise);
      };
    }
    case 'pattern': {
      const { pattern } = check;
      return (value) => pattern.test(value as string);
    }
    case 'atLeast':
      return (value) => (value as number) >= check.value;
    case 'above':
      return (value) => (value as number) > check.value;
    case 'atMost':
      return (value) => (value as number) <= check.value;
    case 'below':
      return (value) => (value as number) < check.value;
    case 'safeInteger':
      return (value) => Number.isSafeInteger(value);
    case 'maxLength':
      // zod counts a string's code points, never more than the UTF-16 units `length` counts: a
      // string with more units than the maximum is left to zod.
      return (value) => (value as { length: number }).length <= check.max;
    case 'minLength':
      // A string's code points are at least half its UTF-16 units: a shorter one is left to zod.
      return (value) => (value as { length: number }).length >= (typeof value === 'string' ? 2 * check.min : check.min);
  }
}
