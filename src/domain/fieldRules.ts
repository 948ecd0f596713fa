// The rules the schemas refine fields with (schema.ts, operations.ts), in a module of their own so
// that the quick parse the build writes out (schemaShapes.generated.ts) calls the same functions
// without loading zod.

/** A text that is more than white space. */
export const notBlank = (text: string): boolean => text.trim().length > 0;

/** A rule that an update gives at least one of `fields`; it carries them, so schemaShape.ts can write it out. */
export type GivesAnyOf = ((input: Record<string, unknown>) => boolean) & { readonly givesAnyOf: readonly string[] };

export function givesAnyOf(fields: readonly string[]): GivesAnyOf {
  return Object.assign((input: Record<string, unknown>) => fields.some((field) => input[field] !== undefined), { givesAnyOf: fields });
}
