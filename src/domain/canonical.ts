// Canonical JSON: the same data always gives the same text whatever its key order, so two versions
// of a family can be compared (import) and hashed (undo).

/**
 * JSON with sorted keys. An empty list counts as absent: a newer famcoord fills in lists an older
 * store lacked (consents, observations), and that must not look like a change.
 *
 * Written by JSON.stringify from a copy whose objects get their keys in sorted order: V8 writes a
 * plain object's keys in the order they were added, and copy and native writer together take
 * ~60 % of the instructions of writing the text piece by piece (a batch hashes the twenty families
 * it changed: ~25 M instructions less, issue 19). Where the copy would not be written the same (see
 * sortedCopy), the text is written by hand, as it always was; the hashes in every log are of it.
 */
export function canonicalJson(value: unknown): string {
  const copy = sortedCopy(value);
  return copy === UNSORTABLE ? canonicalJsonByHand(value) : (JSON.stringify(copy) as string);
}

/** What sortedCopy gives for a value whose copy JSON.stringify would write otherwise than canonicalJsonByHand. */
const UNSORTABLE: unique symbol = Symbol('unsortable');

/**
 * The value with each object's keys added in sorted order, its undefined fields and empty lists
 * left out; UNSORTABLE where JSON.stringify would write the copy differently: a key that is an
 * array index or may be one (a plain object lists those first, in numeric order: any key starting
 * with a digit), `__proto__` (assigning it sets the prototype), a function or symbol (the hand
 * writes `"key":undefined`) and an undefined item of a list (the hand writes nothing, JSON null).
 * A family's JSON has none of them.
 */
function sortedCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return typeof value === 'function' || typeof value === 'symbol' ? UNSORTABLE : value;
  if (Array.isArray(value)) {
    const copy = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (item === undefined) return UNSORTABLE;
      const itemCopy = sortedCopy(item);
      if (itemCopy === UNSORTABLE) return UNSORTABLE;
      copy[i] = itemCopy;
    }
    return copy;
  }
  const keys = Object.keys(value).sort();
  const copy: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const first = key.charCodeAt(0);
    if ((first >= 48 && first <= 57) || key === '__proto__') return UNSORTABLE;
    const field = (value as Record<string, unknown>)[key];
    if (field === undefined || (Array.isArray(field) && field.length === 0)) continue;
    const fieldCopy = sortedCopy(field);
    if (fieldCopy === UNSORTABLE) return UNSORTABLE;
    copy[key] = fieldCopy;
  }
  return copy;
}

/** canonicalJson's definition, for a value sortedCopy cannot copy faithfully. */
function canonicalJsonByHand(value: unknown): string {
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += `${i > 0 ? ',' : ''}${canonicalJsonByHand(value[i]) ?? ''}`; // as join() writes a hole
    return `${text}]`;
  }
  if (value && typeof value === 'object') {
    let text = '{';
    for (const key of Object.keys(value).sort()) {
      const field = (value as Record<string, unknown>)[key];
      if (field === undefined || (Array.isArray(field) && field.length === 0)) continue;
      text += `${text.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonicalJsonByHand(field)}`;
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
