// A quick yes to "does this value pass the schema?", built from the zod schema itself, for the
// checks a change runs on data that is nearly always valid (the families a step leaves behind, a
// batch's lines). zod stays the definition and the judge: a verdict says `true` only where zod
// would accept the value, and anything else (a value that fails, or a schema using a feature not
// modelled here) goes to zod, which gives the answer and the messages. zod's own parse, jitless
// (zodSetup.ts), walks each value with a payload and an issue list per node, ~0.5 ms per family of
// the demo; its ahead-of-time `compile` generates code with `new Function`, which is never in V8's
// code cache and took longer to compile than a batch's checks take (issue 19).
//
// Only what the checks need is modelled, each as zod's runtime does it (v4 core schemas.js):
// strings, numbers, booleans, enums, literals, arrays, objects (loose, strict or stripping),
// optional, default, discriminated unions, preprocess (a transform piped into a schema), unknown;
// and the checks length, regex, whole number, bounds and refine, which run through zod's own
// check functions. Coercion, other string formats, other checks, async and recursive schemas are
// not modelled: such a schema gets no verdict (undefined), and its callers use zod alone.
import type * as z from 'zod';

/** True: zod accepts the value. False: ask zod (it may still accept it). */
export type Verdict = (value: unknown) => boolean;

/** The parts of zod's internals the verdicts read (zod v4's `_zod`). */
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

class NoVerdict extends Error {}

/**
 * One check, on a value its schema's type accepted. The two on every id, date and text (a refine,
 * a pattern) are called as zod's check functions call them, without a payload to allocate; the
 * others through zod's own check function.
 */
function checkVerdict(check: Schema): Verdict {
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
  if (!PLAIN_CHECKS.has(def.check as string) || typeof run !== 'function') throw new NoVerdict();
  return (value) => {
    const payload = { value, issues: [] as unknown[] };
    const result = run(payload);
    return !(result instanceof Promise) && payload.issues.length === 0 && payload.value === value;
  };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The verdict of `schema`, or undefined when it uses something the verdicts do not model. */
export function verdictOf(schema: z.ZodType): Verdict | undefined {
  const built = new Map<Schema, Verdict>();
  const building = new Set<Schema>();
  try {
    return build(schema as unknown as Schema);
  } catch (error) {
    if (error instanceof NoVerdict) return undefined;
    throw error;
  }

  function build(node: Schema): Verdict {
    const known = built.get(node);
    if (known) return known;
    if (building.has(node)) throw new NoVerdict(); // a recursive schema
    building.add(node);
    const verdict = withChecks(node, typeVerdict(node));
    building.delete(node);
    built.set(node, verdict);
    return verdict;
  }

  /** The schema's own checks (zod runs them after its type's parse accepted the value). */
  function withChecks(node: Schema, typeOk: Verdict): Verdict {
    const checks = (node._zod.def.checks ?? []).map(checkVerdict);
    if (checks.length === 0) return typeOk;
    return (value) => {
      if (!typeOk(value)) return false;
      for (const check of checks) if (!check(value)) return false;
      return true;
    };
  }
  function typeVerdict(node: Schema): Verdict {
    const { def, traits } = node._zod;
    switch (def.type) {
      case 'string':
        if (def.coerce || def.format !== undefined || traits.has('$ZodStringFormat')) throw new NoVerdict();
        return (value) => typeof value === 'string';
      case 'number':
        if (def.coerce || traits.has('$ZodNumberFormat')) throw new NoVerdict();
        return (value) => typeof value === 'number' && Number.isFinite(value);
      case 'boolean':
        if (def.coerce) throw new NoVerdict();
        return (value) => typeof value === 'boolean';
      case 'enum':
      case 'literal': {
        const values = node._zod.values;
        if (!values) throw new NoVerdict();
        return (value) => values.has(value);
      }
      case 'unknown':
        return () => true;
      case 'optional': {
        const inner = def.innerType as Schema;
        if (!traits.has('$ZodOptional') || traits.has('$ZodExactOptional') || inner._zod.optin === 'defaulted') throw new NoVerdict();
        const innerOk = build(inner);
        return (value) => value === undefined || innerOk(value);
      }
      case 'default': {
        // A missing value takes the default, which zod does not check.
        const innerOk = build(def.innerType as Schema);
        return (value) => value === undefined || innerOk(value);
      }
      case 'array': {
        const elementOk = build(def.element as Schema);
        return (value) => {
          if (!Array.isArray(value)) return false;
          for (const element of value) if (!elementOk(element)) return false;
          return true;
        };
      }
      case 'object':
        return objectVerdict(def);
      case 'union': {
        // A discriminated union picks the option whose literal the value's discriminator is; any
        // option that accepts the value has that literal, so "some option accepts" is the same answer.
        if (def.discriminator === undefined || def.unionFallback) throw new NoVerdict();
        const options = (def.options as Schema[]).map(build);
        return (value) => options.some((ok) => ok(value));
      }
      case 'pipe': {
        // z.preprocess(fn, schema): the transform's result is what the schema checks.
        const input = def.in as Schema;
        if (input._zod.def.type !== 'transform' || (input._zod.def.checks ?? []).length > 0) throw new NoVerdict();
        const transform = input._zod.def.transform as (value: unknown, payload: { value: unknown; issues: unknown[] }) => unknown;
        const outputOk = build(def.out as Schema);
        return (value) => {
          const payload = { value, issues: [] as unknown[] };
          const transformed = transform(value, payload);
          return !(transformed instanceof Promise) && payload.issues.length === 0 && outputOk(transformed);
        };
      }
      default:
        throw new NoVerdict();
    }
  }

  function objectVerdict(def: Internals['def']): Verdict {
    const shape = def.shape as Record<string, Schema>;
    const keys = Object.keys(shape);
    if (Object.getOwnPropertySymbols(shape).length > 0 || keys.includes('__proto__')) throw new NoVerdict();
    const catchall = def.catchall as Schema | undefined;
    const catchallType = catchall?._zod.def.type;
    // Loose objects (unknown) and stripping ones (none) accept any other key; strict ones (never) none.
    if (catchall !== undefined && catchallType !== 'unknown' && catchallType !== 'never') throw new NoVerdict();
    const strict = catchallType === 'never';
    const known = new Set(keys);
    const fields = keys.map((key) => {
      const field = shape[key] as Schema;
      const ok = build(field);
      const { optin, optout } = field._zod;
      return { key, ok, required: optin === undefined, skippedWhenMissing: optin === 'optional' && optout === 'optional' };
    });
    return (value) => {
      if (!isObject(value)) return false;
      for (const { key, ok, required, skippedWhenMissing } of fields) {
        if (!(key in value)) {
          // zod: a missing key is an issue unless its schema takes undefined in (optional, default).
          if (required) return false;
          if (skippedWhenMissing) continue;
        }
        if (!ok(value[key])) return false;
      }
      if (strict) for (const key in value) if (!known.has(key)) return false;
      return true;
    };
  }
}
