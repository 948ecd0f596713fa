// Errors the store reports to people. Messages name the file and the place, and what to do; they
// never quote the file's content, which is personal data.
import { describeProblems, StoredDataError, type Problem } from '../domain/errors.js';

/** `passphrase`: an encrypted store and a wrong (or no) passphrase. */
/** A create refused because the store was changed after the caller looked (CreateOptions.ifLastStep). */
export function changedSinceError(path: string, lastStep: number): StoreError {
  return new StoreError('exists', `the store ${path} was changed while this ran (its log now ends at step ${lastStep}); it was not changed. Run the command again`);
}

/** `refused`: a team store's login may not read or change this (its role, the families it is given). */
export type StoreErrorKind = 'missing' | 'exists' | 'corrupt' | 'invalid' | 'locked' | 'io' | 'undo' | 'passphrase' | 'refused';

export class StoreError extends Error {
  constructor(
    readonly kind: StoreErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** A short, content-free description of a failed system call: "permission denied (EACCES)". */
export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const known: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOSPC: 'no space left on the device',
    EROFS: 'the file system is read-only',
    EDQUOT: 'disk quota exceeded',
    ENOENT: 'no such file or directory',
    EISDIR: 'it is a directory',
    ENOTDIR: 'a part of the path is not a directory',
    EMFILE: 'too many open files',
    EIO: 'input/output error',
    ELOOP: 'it is a symbolic link, which famcoord does not follow',
    ENXIO: 'it is not a regular file',
  };
  // The guard's refusals (src/store/pathGuard.ts) already say what the file is.
  if (error instanceof StoreError) return error.message;
  return code ? `${known[code] ?? 'system error'} (${code})` : 'unexpected error';
}

/** There is no store file at `path`. */
export function missingStoreError(path: string): StoreError {
  return new StoreError('missing', `there is no store at ${path}; create one with famcoord init, or try famcoord demo`);
}

/** A store file that is there but holds no store yet (a 0-byte SQLite file): famcoord's to fill, by init or demo. */
export function emptyStoreError(path: string): StoreError {
  return new StoreError('missing', `the store ${path} is empty; create one with famcoord init, or try famcoord demo`);
}

/** A store that parses but does not follow the store format: where, never what. */
export function storeFormatError(path: string, problems: readonly Problem[]): StoreError {
  return new StoreError('invalid', `the store ${path} does not follow the store format: ${describeProblems(problems)}; it was not changed`);
}

/**
 * Data found in the store not as famcoord writes it (a StoredDataError: a row edited by other
 * hands, read or met by a change) as the store's format error; any other error as it is.
 */
export function asStoreFormatError(error: unknown, path: string): unknown {
  return error instanceof StoredDataError ? storeFormatError(path, error.problems) : error;
}
