// A zod schema's definition read into a Shape (schemaVerdict.ts), and the shapes of the schemas a
// change checks written out as a TypeScript module, schemaShapes.generated.ts: the quick parse
// then needs no zod at run time. Used by scripts/generate-shapes.mjs and the tests, never by the
// program itself. Anything not modelled (see schemaVerdict.ts), or a refine or transform that is
// not one of KNOWN_FUNCTIONS, gives no Shape: zod alone judges that schema.
import type * as z from 'zod';
import { isIsoDate, isIsoDateTimeWithOffset } from './dates.js';
import { notBlank, type GivesAnyOf } from './fieldRules.js';
import { MISSING_KEPT, MISSING_PARSED, MISSING_REFUSED, MISSING_SKIPPED, type Check, type Missing, type Shape } from './schemaVerdict.js';
import { storedMeetingType } from './vocabulary.js';

/** The functions a Shape may name, and the module the generated file imports each from. */
const KNOWN_FUNCTIONS = new Map<unknown, { name: string; from: string }>([
  [isIsoDate, { name: 'isIsoDate', from: './dates.js' }],
  [isIsoDateTimeWithOffset, { name: 'isIsoDateTimeWithOffset', from: './dates.js' }],
  [notBlank, { name: 'notBlank', from: './fieldRules.js' }],
  [storedMeetingType, { name: 'storedMeetingType', from: './vocabulary.js' }],
]);

/** The parts of zod's internals read here (zod v4's `_zod`). */
interface Internals {
  def: Record<string, unknown> & { type: string; checks?: Schema[] };
  traits: Set<string>;
  optin?: 'optional' | 'defaulted';
  optout?: 'optional';
  values?: Set<unknown>;
}
type Schema = { _zod: Internals };

class Unmodelled extends Error {}

/** A schema's Shape; undefined when it uses something not modelled. The same zod node gives the same Shape object. */
export function shapeOf(schema: z.ZodType, shapes = new Map<Schema, Shape>()): Shape | undefined {
  const building = new Set<Schema>();
  try {
    return node(schema as unknown as Schema);
  } catch (error) {
    if (error instanceof Unmodelled) return undefined;
    throw error;
  }

  function node(schema: Schema): Shape {
    const known = shapes.get(schema);
    if (known) return known;
    if (building.has(schema)) throw new Unmodelled(); // a recursive schema
    building.add(schema);
    const shape = typeShape(schema);
    const checks = (schema._zod.def.checks ?? []).map(checkOf);
    if (checks.length > 0) {
      if (shape.type !== 'string' && shape.type !== 'number' && shape.type !== 'array' && shape.type !== 'object') throw new Unmodelled();
      shape.checks = checks;
    }
    building.delete(schema);
    shapes.set(schema, shape);
    return shape;
  }

  function typeShape(schema: Schema): Shape & { checks?: readonly Check[] } {
    const { def, traits } = schema._zod;
    switch (def.type) {
      case 'string':
        if (def.coerce || def.format !== undefined || traits.has('$ZodStringFormat')) throw new Unmodelled();
        return { type: 'string' };
      case 'number':
        if (def.coerce || traits.has('$ZodNumberFormat')) throw new Unmodelled();
        return { type: 'number' };
      case 'boolean':
        if (def.coerce) throw new Unmodelled();
        return { type: 'boolean' };
      case 'unknown':
        return { type: 'unknown' };
      case 'enum':
      case 'literal': {
        const values = schema._zod.values;
        // Written out as JSON: strings, finite numbers and booleans only.
        if (!values || [...values].some((value) => typeof value !== 'string' && typeof value !== 'boolean' && !Number.isFinite(value))) throw new Unmodelled();
        return { type: 'values', values: [...values] };
      }
      case 'optional': {
        const inner = def.innerType as Schema;
        if (!traits.has('$ZodOptional') || traits.has('$ZodExactOptional') || inner._zod.optin === 'defaulted') throw new Unmodelled();
        return { type: 'optional', inner: node(inner) };
      }
      case 'nullable':
        return { type: 'nullable', inner: node(def.innerType as Schema) };
      case 'default': {
        const value: unknown = def.defaultValue;
        // Written out as JSON: a default that JSON would not give back as it is cannot be.
        if (JSON.stringify(value) === undefined || JSON.stringify(JSON.parse(JSON.stringify(value))) !== JSON.stringify(value)) throw new Unmodelled();
        return { type: 'default', inner: node(def.innerType as Schema), value };
      }
      case 'array':
        return { type: 'array', element: node(def.element as Schema) };
      case 'object': {
        const shape = def.shape as Record<string, Schema>;
        const keys = Object.keys(shape);
        if (Object.getOwnPropertySymbols(shape).length > 0 || keys.includes('__proto__')) throw new Unmodelled();
        const catchall = (def.catchall as Schema | undefined)?._zod.def.type;
        // Loose objects (unknown) keep any other key as it is, stripping ones (none) drop it, strict ones (never) refuse it.
        const rest = catchall === undefined ? 'drop' : catchall === 'unknown' ? 'keep' : catchall === 'never' ? 'refuse' : undefined;
        if (!rest) throw new Unmodelled();
        return { type: 'object', fields: keys.map((key) => [key, node(shape[key] as Schema), missingOf(shape[key] as Schema)] as const), rest };
      }
      case 'union': {
        const discriminator = def.discriminator;
        if (typeof discriminator !== 'string' || def.unionFallback) throw new Unmodelled();
        const seen = new Set<unknown>();
        const options = (def.options as Schema[]).map((option) => {
          const values = (option._zod.def.shape as Record<string, Schema> | undefined)?.[discriminator]?._zod.values;
          if (option._zod.def.type !== 'object' || !values) throw new Unmodelled();
          for (const value of values) {
            if (seen.has(value)) throw new Unmodelled();
            seen.add(value);
          }
          return node(option);
        });
        return { type: 'union', discriminator, options };
      }
      case 'pipe': {
        // z.preprocess(fn, schema): the schema parses what the transform made of the value.
        const input = def.in as Schema;
        if (input._zod.def.type !== 'transform' || (input._zod.def.checks ?? []).length > 0) throw new Unmodelled();
        const transform = input._zod.def.transform;
        if (!KNOWN_FUNCTIONS.has(transform)) throw new Unmodelled();
        return { type: 'preprocess', transform: transform as (value: unknown) => unknown, out: node(def.out as Schema) };
      }
      default:
        throw new Unmodelled();
    }
  }
}

/** What zod does with the field when it is missing, by its schema's optin and optout (handlePropertyResult). */
function missingOf(schema: Schema): Missing {
  const { optin, optout } = schema._zod;
  if (optin === undefined) return MISSING_REFUSED;
  if (optin === 'optional' && optout === 'optional') return MISSING_SKIPPED;
  return optin === 'defaulted' && optout !== 'optional' ? MISSING_KEPT : MISSING_PARSED;
}

function checkOf(check: Schema): Check {
  const { def } = check._zod;
  switch (def.check) {
    case 'custom': {
      // A refine, by a rule this module can name in the generated file.
      const rule = def.fn as ((value: never) => unknown) & Partial<GivesAnyOf>;
      if (typeof rule !== 'function' || (!KNOWN_FUNCTIONS.has(rule) && !Array.isArray(rule.givesAnyOf))) throw new Unmodelled();
      return { kind: 'rule', rule };
    }
    case 'string_format': {
      const pattern = def.pattern;
      if (def.format !== 'regex' || !(pattern instanceof RegExp) || pattern.global || pattern.sticky) throw new Unmodelled();
      return { kind: 'pattern', pattern };
    }
    case 'greater_than':
      return { kind: def.inclusive ? 'atLeast' : 'above', value: def.value as number };
    case 'less_than':
      return { kind: def.inclusive ? 'atMost' : 'below', value: def.value as number };
    case 'number_format':
      if (def.format !== 'safeint') throw new Unmodelled();
      return { kind: 'safeInteger' };
    case 'max_length':
      return { kind: 'maxLength', max: def.maximum as number };
    case 'min_length':
      return { kind: 'minLength', min: def.minimum as number };
    default:
      throw new Unmodelled();
  }
}

/**
 * The generated module: one constant per Shape used more than once (ids, dates, sectors), the
 * family's shape, the whole store's, each operation's (an operation not modelled has none), and
 * the imports of the rules they name.
 */
export function shapesSource(family: z.ZodType, operations: Record<string, z.ZodType>, state: z.ZodType): string {
  const shapes = new Map<Schema, Shape>();
  const familyShape = shapeOf(family, shapes);
  if (!familyShape) throw new Error("the family's schema uses something the quick parse does not model");
  const stateShape = shapeOf(state, shapes);
  if (!stateShape) throw new Error("the store's schema uses something the quick parse does not model");
  const operationShapes = Object.entries(operations).flatMap(([name, schema]) => {
    const shape = shapeOf(schema, shapes);
    return shape ? [[name, shape] as const] : [];
  });
  // How often each Shape is named: one named twice or more becomes a constant of its own.
  const uses = new Map<Shape, number>();
  const count = (shape: Shape) => {
    uses.set(shape, (uses.get(shape) ?? 0) + 1);
    if ((uses.get(shape) ?? 0) > 1) return;
    for (const child of children(shape)) count(child);
  };
  count(familyShape);
  count(stateShape);
  for (const [, shape] of operationShapes) count(shape);

  const names = new Map<Shape, string>();
  const constants: string[] = [];
  const imports = new Map<string, Set<string>>();
  const functionName = (fn: unknown): string => {
    const givesAny = (fn as Partial<GivesAnyOf>).givesAnyOf;
    const known = givesAny ? { name: 'givesAnyOf', from: './fieldRules.js' } : KNOWN_FUNCTIONS.get(fn);
    if (!known) throw new Error('a rule the generated module cannot name');
    imports.set(known.from, (imports.get(known.from) ?? new Set()).add(known.name));
    return givesAny ? `givesAnyOf(${JSON.stringify(givesAny)})` : known.name;
  };
  const checkText = (check: Check): string => {
    switch (check.kind) {
      case 'rule':
        return `{ kind: 'rule', rule: ${functionName(check.rule)} }`;
      case 'pattern':
        return `{ kind: 'pattern', pattern: ${String(check.pattern)} }`;
      case 'maxLength':
        return `{ kind: 'maxLength', max: ${check.max} }`;
      case 'minLength':
        return `{ kind: 'minLength', min: ${check.min} }`;
      case 'safeInteger':
        return `{ kind: 'safeInteger' }`;
      default:
        return `{ kind: '${check.kind}', value: ${check.value} }`;
    }
  };
  const text = (shape: Shape): string => {
    const named = names.get(shape);
    if (named) return named;
    const checks = 'checks' in shape && shape.checks?.length ? `, checks: [${shape.checks.map(checkText).join(', ')}]` : '';
    let written: string;
    switch (shape.type) {
      case 'string':
      case 'number':
      case 'boolean':
      case 'unknown':
        written = `{ type: '${shape.type}'${checks} }`;
        break;
      case 'values':
        written = `{ type: 'values', values: ${JSON.stringify(shape.values)} }`;
        break;
      case 'optional':
      case 'nullable':
        written = `{ type: '${shape.type}', inner: ${text(shape.inner)} }`;
        break;
      case 'default':
        written = `{ type: 'default', inner: ${text(shape.inner)}, value: ${JSON.stringify(shape.value)} }`;
        break;
      case 'array':
        written = `{ type: 'array', element: ${text(shape.element)}${checks} }`;
        break;
      case 'object':
        written = `{ type: 'object', fields: [${shape.fields.map(([key, field, missing]) => `[${JSON.stringify(key)}, ${text(field)}, ${missing}]`).join(', ')}], rest: '${shape.rest}'${checks} }`;
        break;
      case 'union':
        written = `{ type: 'union', discriminator: ${JSON.stringify(shape.discriminator)}, options: [${shape.options.map(text).join(', ')}] }`;
        break;
      case 'preprocess':
        written = `{ type: 'preprocess', transform: ${functionName(shape.transform)}, out: ${text(shape.out)} }`;
        break;
    }
    if ((uses.get(shape) ?? 0) < 2) return written;
    const name = `shape${names.size + 1}`;
    names.set(shape, name);
    constants.push(`const ${name}: Shape = ${written};`);
    return name;
  };
  const familyText = text(familyShape);
  const stateText = text(stateShape);
  const operationTexts = operationShapes.map(([name, shape]) => `  ${JSON.stringify(name)}: ${text(shape)},`);
  const importLines = [...imports]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([from, imported]) => `import { ${[...imported].sort().join(', ')} } from '${from}';`);
  return `${[
    '// Generated by scripts/generate-shapes.mjs from the zod schemas (src/domain/schema.ts, operations.ts)',
    '// through src/domain/schemaShape.ts: do not edit. tests/domain/schemaShapes.test.ts fails when it',
    '// no longer matches them. What the quick parse (schemaVerdict.ts) checks without loading zod.',
    ...importLines,
    "import type { Shape } from './schemaVerdict.js';",
    '',
    ...constants,
    '',
    '/** A family as the store keeps it (FamilySchema). */',
    `export const FAMILY_SHAPE: Shape = ${familyText};`,
    '',
    '/** A whole store as a database keeps it: its head and its families (StateSchema). */',
    `export const STATE_SHAPE: Shape = ${stateText};`,
    '',
    '/** Each operation by its name (OPERATION_SCHEMAS); one that is not modelled has none, and zod checks it. */',
    'export const OPERATION_SHAPES: Partial<Record<string, Shape>> = {',
    ...operationTexts,
    '};',
  ].join('\n')}\n`;
}

/** The Shapes directly inside a Shape. */
function children(shape: Shape): Shape[] {
  switch (shape.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return [shape.inner];
    case 'array':
      return [shape.element];
    case 'object':
      return shape.fields.map(([, field]) => field);
    case 'union':
      return [...shape.options];
    case 'preprocess':
      return [shape.out];
    default:
      return [];
  }
}
