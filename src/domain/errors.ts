// The domain's errors and how their problems are described. Kept apart from the schemas (zod) so
// that code which only reports errors, such as the CLI's exit codes, loads no validation.
import type { EntityList } from './workspace.js';
import type { Lang } from './vocabulary.js';

export interface Problem {
  /** Where, e.g. "families[3] (f4).goals[0] (g12).due". */
  path: string;
  message: string;
}

/** Data that breaks the schema or the rules across objects; lists every problem. */
export class ValidationError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('; '));
    this.name = 'ValidationError';
  }
}

/**
 * Data already in the store that breaks the schema or the rules (a database row edited by other
 * hands): the store's fault, not the change's. A store reports it as its format error, naming
 * itself; it is a ValidationError, so whatever reports a store's invalid data reports this too.
 */
export class StoredDataError extends ValidationError {
  constructor(problems: Problem[]) {
    super(problems);
    this.name = 'StoredDataError';
  }
}

/** A change that cannot be applied to this data: an unknown id, a contact already resolved... */
export class OperationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperationError';
  }
}


/** An operation names a family or an object that is not there; `list` and `id` let a caller name the closest known ids. */
export class UnknownIdError extends OperationError {
  constructor(
    readonly list: EntityList | 'agreements' | 'families',
    readonly word: string,
    readonly id: string,
  ) {
    super(`no ${word} ${id} (${list === 'families' ? 'famcoord families lists them' : 'famcoord family FAMILY_ID shows the ids'})`);
    this.name = 'UnknownIdError';
  }
}

/** Names the operation (1-based, as in a batch file) that could not be applied. */
export class TransactionError extends Error {
  constructor(
    readonly index: number,
    override readonly cause: Error,
  ) {
    super(cause.message);
    this.name = 'TransactionError';
  }
}

/** An object's id as a path may show it: a plain id ("f4", "g12"); undefined for anything else, which may be data. */
export function shownId(id: unknown): string | undefined {
  return typeof id === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(id) ? id : undefined;
}

/** Renders a path, naming the id of each object it passes through when there is one. */
export function describePath(path: readonly PropertyKey[], root: unknown): string {
  let node: unknown = root;
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      const id = shownId(node && typeof node === 'object' ? (node as { id?: unknown }).id : undefined);
      if (id !== undefined) out += ` (${id})`;
    } else {
      out += out ? `.${String(key)}` : String(key);
      node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    }
  }
  return out || '(top level)';
}

/** The first problems as one line ("families[3] (f4).goals[0] (g12).due: must be …; …"), and how many more. */
export function describeProblems(problems: readonly Problem[], shown = 5, lang: Lang = 'en'): string {
  const rest = problems.length - shown;
  const more = rest > 0 ? (lang === 'da' ? ` (og ${rest} flere)` : ` (and ${rest} more)`) : '';
  return `${problems.slice(0, shown).map((p) => `${p.path}: ${p.message}`).join('; ')}${more}`;
}
