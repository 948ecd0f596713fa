// Canonical JSON: the same data always gives the same text whatever its key order, so two versions
// of a family can be compared (import) and hashed (undo).

/**
 * JSON with sorted keys. An empty list counts as absent: a newer famcoord fills in lists an older
 * store lacked (consents, observations), and that must not look like a change. Built by appending
 * to one string: the audit log hashes every family a step changed, a batch's twenty at once.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += `${i > 0 ? ',' : ''}${canonicalJson(value[i]) ?? ''}`; // as join() writes a hole
    return `${text}]`;
  }
  if (value && typeof value === 'object') {
    let text = '{';
    for (const key of Object.keys(value).sort()) {
      const field = (value as Record<string, unknown>)[key];
      if (field === undefined || (Array.isArray(field) && field.length === 0)) continue;
      text += `${text.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(field)}`;
    }
    return `${text}}`;
  }
  return JSON.stringify(value);
}

/**
 * Whether two versions of some data are the same (keys whose value is undefined count as absent,
 * as in JSON). Versions made by an operation share what it did not touch, so shared parts are
 * recognised at once; and a value or a list's length that differs is looked for on each level
 * before going deeper, so an operation that added something is told apart without walking the family.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && !a.some((item, i) => differsAtOnce(item, other[i])) && a.every((item, i) => sameData(item, other[i]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left).filter((key) => left[key] !== undefined);
  if (keys.length !== Object.keys(right).filter((key) => right[key] !== undefined).length) return false;
  return !keys.some((key) => differsAtOnce(left[key], right[key])) && keys.every((key) => sameData(left[key], right[key]));
}

/** Whether two values differ in a way seen without looking inside them: a value, a kind, a list's length. */
function differsAtOnce(a: unknown, b: unknown): boolean {
  if (a === b) return false;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return true;
  return Array.isArray(a) !== Array.isArray(b) || (Array.isArray(a) && a.length !== (b as unknown[]).length);
}
