// Canonical JSON: the same data always gives the same text whatever its key order, so two versions
// of a family can be compared (import) and hashed (undo).

/**
 * JSON with sorted keys. An empty list counts as absent: a newer famcoord fills in lists an older
 * store lacked (consents, observations), and that must not look like a change.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((k) => {
        const field = (value as Record<string, unknown>)[k];
        return field !== undefined && !(Array.isArray(field) && field.length === 0);
      })
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}
