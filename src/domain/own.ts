// Lookups keyed by text from users or files. Every plain object inherits from Object.prototype, so
// `key in object` and `object[key]` find "toString", "constructor" or "valueOf" in any of them: an
// id, a word or a field typed as one of those must find nothing, never the inherited function.

/** The object's own value for `key`; undefined when it has none of its own. */
export function ownValue<T>(object: Readonly<Partial<Record<string, T>>> | undefined, key: string): T | undefined {
  return object !== undefined && Object.hasOwn(object, key) ? object[key] : undefined;
}
