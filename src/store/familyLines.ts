// A change to a few families of a large JSON store, without parsing the others. A store famcoord
// wrote has one family per line (serializeState); when its known-good mark vouches for the bytes,
// that layout is certain, and a step can find the families it touches by searching the text for
// their ids, parse just those, and write the file back with every other line as it was. At 1,000
// families that spares parsing and re-serialising ~7 MB on every update (~100 ms of ~300).
// tests/store/familyLines.test.ts checks that it writes the same bytes as the whole-state path.
import type { Family, State } from '../domain/schema.js';
import { inScope, todayDigest, type ReadScope } from '../domain/scope.js';
import { DraftingWorkspace, idChanges, idsOf, type FamilyChange } from '../domain/workspace.js';
import { IdCounter } from '../domain/ids.js';

const NEWLINE = 0x0a;
const COMMA = 0x2c;
const HEAD_END = '"families":[';
const TAIL = ']}';
/** An "id" key and its value, as JSON.stringify writes it: inside a string its quotes would be escaped. */
const ID_KEY = /[{,]"id":"([^"\\]*)"/g;
/** How much of the file the id index reads as one string. */
const INDEX_SLICE = 64 * 1024 * 1024;
/** After this many searches of the text, one pass indexes every id instead. */
const SEARCHES_BEFORE_INDEX = 4;

/** The lines of a store file in famcoord's layout; undefined when the bytes are laid out otherwise. */
export class FamilyLines {
  /** Byte ranges of the family lines, without their trailing comma. */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly parsed = new Map<number, Family>();
  /** The line of each family parsed so far, by the family's id. */
  private readonly lineOfFamily = new Map<string, number>();
  private headEnd = 0;

  private constructor(readonly bytes: Buffer) {}

  static of(bytes: Buffer): FamilyLines | undefined {
    const lines = new FamilyLines(bytes);
    return lines.split() ? lines : undefined;
  }

  private split(): boolean {
    const { bytes } = this;
    this.headEnd = bytes.indexOf(NEWLINE);
    if (this.headEnd < 0 || bytes.toString('utf8', this.headEnd - HEAD_END.length, this.headEnd) !== HEAD_END) return false;
    let start = this.headEnd + 1;
    for (;;) {
      const newline = bytes.indexOf(NEWLINE, start);
      if (newline < 0) return false;
      if (newline - start === TAIL.length && bytes.toString('utf8', start, newline) === TAIL)
        return newline === bytes.length - 1 && (this.ends.length === 0 || bytes[this.ends[this.ends.length - 1] as number] !== COMMA);
      const last = this.starts.length > 0 ? (this.ends[this.ends.length - 1] as number) : -1;
      if (last >= 0 && bytes[last] !== COMMA) return false; // every family line but the last ends with a comma
      const end = bytes[newline - 1] === COMMA ? newline - 1 : newline;
      this.starts.push(start);
      this.ends.push(end);
      start = newline + 1;
    }
  }

  private parseLine(line: number): Family {
    return JSON.parse(this.bytes.toString('utf8', this.starts[line], this.ends[line])) as Family;
  }

  /** The family on a line, parsed once and kept: a step's families are asked for again and again. */
  family(line: number): Family {
    let family = this.parsed.get(line);
    if (!family) {
      family = this.parseLine(line);
      this.parsed.set(line, family);
      this.lineOfFamily.set(family.id, line);
    }
    return family;
  }

  private lineAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /**
   * The families in `scope`, each parsed alone and kept only when in scope (cut to its today
   * digest for a today view), with the store's other fields.
   */
  select(scope: ReadScope): State {
    const head = JSON.parse(`${this.bytes.toString('utf8', 0, this.headEnd)}]}`) as State;
    return { ...head, families: [...this.inScope(scope, { digests: true })] };
  }

  /**
   * The families in `scope` one at a time, in file order. `digests`: cut to their today digests for
   * a today view, as `select` holds them all at once; a reader that drops each family once it has
   * used it (`eachFamily`) gets the family as parsed, which today's view reads as it reads a digest:
   * making the digests cost a 25-family `today` ~5 M instructions of its ~60 M (issue 19).
   */
  *inScope(scope: ReadScope, { digests }: { digests: boolean }): Generator<Family> {
    // Named families are searched for; otherwise every line is looked at.
    const lines = scope.familyIds ? [...new Set(scope.familyIds.flatMap((id) => this.linesWithId(id)))].sort((a, b) => a - b) : this.starts.keys();
    for (const line of lines) {
      const family = this.parsed.get(line) ?? this.parseLine(line); // not kept: most are dropped at once
      if (inScope(family, scope)) yield digests && scope.todayOn !== undefined ? todayDigest(family) : family;
    }
  }

  /** The line of a family already parsed, by its id. */
  parsedLineOf(familyId: string): number | undefined {
    return this.lineOfFamily.get(familyId);
  }

  /** The lines whose text holds this id as an "id" (a family's or an object's; the caller checks which). */
  linesWithId(id: string): number[] {
    const found = new Set<number>();
    const needle = `"id":${JSON.stringify(id)}`;
    for (let at = this.bytes.indexOf(needle, this.headEnd); at >= 0; at = this.bytes.indexOf(needle, at + needle.length)) {
      const before = this.bytes[at - 1];
      if (before === 0x7b || before === COMMA) found.add(this.lineAt(at));
    }
    return [...found];
  }

  /**
   * Every "id" value in the family lines and the lines that hold it: one pass over the text, in
   * slices of whole lines (a string cannot hold a store of more than ~500 MB).
   */
  indexIds(slice = INDEX_SLICE): Map<string, number[]> {
    const index = new Map<string, number[]>();
    for (let first = 0; first < this.starts.length; ) {
      let last = first;
      while (last + 1 < this.starts.length && (this.ends[last + 1] as number) - (this.starts[first] as number) < slice) last++;
      const from = this.starts[first] as number;
      // latin1 makes one character of each byte, so offsets in the text are offsets in the bytes.
      const text = this.bytes.toString('latin1', from, this.ends[last]);
      ID_KEY.lastIndex = 0;
      for (let match = ID_KEY.exec(text); match; match = ID_KEY.exec(text)) {
        // Objects' ids are ASCII (the schema's entityId), the same read as latin1. An "id" field of
        // a script's own that is not is filed under its latin1 reading: no object's id matches it.
        const id = match[1] as string;
        const line = this.lineAt(from + match.index);
        const lines = index.get(id);
        if (!lines) index.set(id, [line]);
        else if (lines[lines.length - 1] !== line) lines.push(line); // lines come in order
      }
      first = last + 1;
    }
    return index;
  }

  /**
   * The file with some families replaced (by id; null removes one) and new ones at the end, in
   * serializeState's layout: unchanged lines are the original bytes.
   */
  *with(replaced: ReadonlyMap<string, Family | null>, added: readonly Family[]): Generator<Uint8Array | string> {
    yield this.bytes.subarray(0, this.headEnd);
    let first = true;
    const separator = () => {
      const text = first ? '\n' : ',\n';
      first = false;
      return text;
    };
    // A run of unchanged lines is one slice of the original: its lines are already joined by ",\n".
    let runStart = -1;
    for (let i = 0; i <= this.starts.length; i++) {
      const id = i < this.starts.length ? this.idOfLine(i) : undefined;
      const replacement = id === undefined ? undefined : replaced.get(id);
      if (i < this.starts.length && replacement === undefined) {
        if (runStart < 0) runStart = i;
        continue;
      }
      if (runStart >= 0) {
        yield separator();
        yield this.bytes.subarray(this.starts[runStart], this.ends[i - 1]);
        runStart = -1;
      }
      if (replacement) {
        yield separator();
        yield JSON.stringify(replacement);
      } // null: the family was removed
    }
    for (const family of added) {
      yield separator();
      yield JSON.stringify(family);
    }
    yield '\n]}\n';
  }

  /** The id of the family on a line: parsed only for lines a step touched (the others are not in `replaced`). */
  private idOfLine(line: number): string | undefined {
    return this.parsed.get(line)?.id;
  }
}

/**
 * A Workspace over FamilyLines: families are parsed when an operation asks for them, and the
 * step's result is the original bytes with those families replaced. It behaves as the
 * whole-state StateWorkspace does (a family put anew goes at the end, one removed and put again
 * too), except that a fresh id may skip numbers an "id" field outside the objects already uses.
 */
export class LinesWorkspace extends DraftingWorkspace {
  /** Families of the file that this step changed (null: removed), by id. */
  private readonly replaced = new Map<string, Family | null>();
  /** Families this step added, in order. */
  private readonly added: Family[] = [];
  /** The ids of every object in the families this step changed or added, and their family. */
  private readonly changedIndex = new Map<string, string>();
  private readonly touched = new Map<string, FamilyChange>();
  private idIndex?: Map<string, number[]>;
  private searches = 0;
  private counter?: IdCounter;

  /** `operations`: how many the step holds; a batch indexes every id at once instead of searching. */
  constructor(
    private readonly lines: FamilyLines,
    operations: number,
  ) {
    super();
    if (operations > SEARCHES_BEFORE_INDEX) this.idIndex = lines.indexIds();
  }

  /** The lines that may hold an id: searched for while few are asked for, then from an index of all. */
  private candidateLines(id: string): number[] {
    if (!this.idIndex && ++this.searches > SEARCHES_BEFORE_INDEX) this.idIndex = this.lines.indexIds();
    return this.idIndex ? (this.idIndex.get(id) ?? []) : this.lines.linesWithId(id);
  }

  /** A family of the file that this step has not changed and that holds `id` (its own or an object's). */
  private unchangedHolding(id: string, own: boolean): Family | undefined {
    const parsed = own ? this.lines.parsedLineOf(id) : undefined;
    for (const line of parsed !== undefined ? [parsed] : this.candidateLines(id)) {
      const family = this.lines.family(line);
      if (!this.replaced.has(family.id) && (own ? family.id === id : idsOf(family).includes(id))) return family;
    }
    return undefined;
  }

  family(familyId: string): Family | undefined {
    const added = this.added.find((f) => f.id === familyId);
    if (added) return added;
    if (this.replaced.has(familyId)) return this.replaced.get(familyId) ?? undefined;
    return this.unchangedHolding(familyId, true);
  }

  familyOf(entityId: string): Family | undefined {
    const changed = this.changedIndex.get(entityId);
    return changed !== undefined ? this.family(changed) : this.unchangedHolding(entityId, false);
  }

  private record(familyId: string, after: Family | null): void {
    const existing = this.touched.get(familyId);
    const before = existing ? existing.before : (this.family(familyId) ?? null);
    this.touched.set(familyId, { familyId, before, after });
  }

  put(family: Family): void {
    const previous = this.family(family.id);
    this.record(family.id, family);
    // A family of the file enters the index of changed families whole, the first time it is put.
    const { added, removed } = previous && this.changedIndex.get(family.id) === family.id ? idChanges(previous, family) : { added: idsOf(family), removed: [] };
    for (const id of removed) this.changedIndex.delete(id);
    for (const id of added) {
      this.changedIndex.set(id, family.id);
      this.counter?.see(id);
    }
    const at = this.added.findIndex((f) => f.id === family.id);
    if (at >= 0) this.added[at] = family;
    else if (previous) this.replaced.set(family.id, family);
    else this.added.push(family);
  }

  remove(familyId: string): void {
    const family = this.family(familyId);
    if (!family) return;
    this.record(familyId, null);
    for (const id of idsOf(family)) this.changedIndex.delete(id);
    const at = this.added.findIndex((f) => f.id === familyId);
    if (at >= 0) this.added.splice(at, 1);
    else this.replaced.set(familyId, null);
  }

  protected indexAdded(familyId: string, id: string): void {
    this.changedIndex.set(id, familyId);
    this.counter?.see(id);
  }

  idTaken(id: string): boolean {
    return this.familyOf(id) !== undefined;
  }

  newId(prefix: string): string {
    if (!this.counter) {
      this.idIndex ??= this.lines.indexIds();
      this.counter = new IdCounter();
      for (const id of this.idIndex.keys()) this.counter.see(id);
      for (const id of this.changedIndex.keys()) this.counter.see(id);
    }
    return this.counter.next(prefix, (id) => this.idTaken(id));
  }

  protected touchedFamilies(): FamilyChange[] {
    return [...this.touched.values()];
  }

  /** The store file after this step. */
  result(): Iterable<Uint8Array | string> {
    return this.lines.with(this.replaced, this.added);
  }
}
