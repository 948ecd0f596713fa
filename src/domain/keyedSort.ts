// Today's lists sorted without a call into JavaScript per comparison. A whole store's Today sorts
// thousands of rows (1,000 families: ~3,700), and Array.prototype.sort calls the comparator some
// 35,000 times, each in V8's interpreter (famcoord keeps its optimiser from compiling such short
// runs, src/cli/optimiser.ts). Each row's order is decided by a number or two and its family's
// name before its id, so each row gets one number (those and its family name's place in Danish
// order, worked out once per name), which V8 sorts natively; the comparator decides only between
// rows equal in all of that (a family's goals overdue by the same days, by id).

/**
 * Family names ranked as `compare` orders them (names it finds equal share a rank), where
 * `compare` orders texts with different `sortKey`s as those keys' code units are (see
 * `primaryKey` in src/domain/collate.ts): the keys are sorted natively, and `compare` decides only
 * between names with one key (and all of them, if a name has none).
 */
export function nameRanks(names: Iterable<string>, compare: (a: string, b: string) => number, sortKey: (name: string) => string | null): Map<string, number> {
  const distinct = [...new Set(names)];
  const keys = distinct.map(sortKey);
  let sorted: string[];
  if (keys.includes(null)) sorted = distinct.sort(compare);
  else {
    // "key NUL place": ordered by key first, NUL being below every character a key has.
    const tagged = keys.map((key, place) => `${key as string}\u0000${place}`).sort();
    sorted = [];
    for (let start = 0; start < tagged.length; ) {
      const key = (tagged[start] as string).slice(0, (tagged[start] as string).indexOf('\u0000'));
      let end = start + 1;
      while (end < tagged.length && (tagged[end] as string).startsWith(`${key}\u0000`)) end++;
      const run = tagged.slice(start, end).map((entry) => distinct[Number(entry.slice(key.length + 1))] as string);
      sorted.push(...(run.length > 1 ? run.sort(compare) : run));
      start = end;
    }
  }
  const ranks = new Map<string, number>();
  let rank = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && compare(sorted[i - 1] as string, sorted[i] as string) !== 0) rank++;
    ranks.set(sorted[i] as string, rank);
  }
  return ranks;
}

/**
 * Sorts `rows` in place exactly as `rows.sort(compare)` does (stable), given that `compare`
 * orders rows by the integer `order(row)` (ascending), then by their family names' rank, and only
 * then by anything else. Falls back to `rows.sort(compare)` where a row's key would not be exact
 * in a double (or `order` gives no integer, or a name has no rank), and where there are no ranks
 * (a short list: the comparator alone costs less than the keys' set-up).
 */
export function sortByKeys<T extends { familyName: string }>(rows: T[], order: (row: T) => number, ranks: ReadonlyMap<string, number> | undefined, compare: (a: T, b: T) => number): void {
  const n = rows.length;
  if (n < 2) return;
  if (ranks === undefined) {
    rows.sort(compare);
    return;
  }
  const orders = new Float64Array(n);
  const rowRanks = new Float64Array(n);
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < n; i++) {
    const row = rows[i] as T;
    const value = order(row);
    orders[i] = value;
    rowRanks[i] = ranks.get(row.familyName) ?? Number.NaN;
    if (!Number.isInteger(value) || Number.isNaN(rowRanks[i])) {
      rows.sort(compare);
      return;
    }
    if (value < low) low = value;
    if (value > high) high = value;
  }
  if (!((high - low + 1) * ranks.size * n <= Number.MAX_SAFE_INTEGER)) {
    rows.sort(compare);
    return;
  }
  // One number per row: its order, then its name's rank, then its place (equal rows keep their order, as a stable sort does).
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (((orders[i] as number) - low) * ranks.size + (rowRanks[i] as number)) * n + i;
  keys.sort();
  const sorted: T[] = new Array<T>(n);
  for (let i = 0; i < n; i++) sorted[i] = rows[(keys[i] as number) % n] as T;
  // Rows equal in order and name are in their first order: `compare` orders each such run.
  for (let start = 0; start < n; ) {
    const group = (keys[start] as number) - ((keys[start] as number) % n); // exact, where dividing by n might round
    let end = start + 1;
    while (end < n && (keys[end] as number) - ((keys[end] as number) % n) === group) end++;
    if (end - start > 1) sorted.splice(start, end - start, ...sorted.slice(start, end).sort(compare));
    start = end;
  }
  for (let i = 0; i < n; i++) rows[i] = sorted[i] as T;
}
