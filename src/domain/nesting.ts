// How deep untrusted JSON may nest. Objects are "loose" (a field we do not know is kept), so a
// store, an import or a batch line can carry an extra field nested thousands of levels deep; the
// code that copies, compares and writes families recurses, and would run out of stack. Such data
// is refused where it comes in, before validation, with the place named. A famcoord store nests
// about ten levels deep.
import { describePath, type Problem } from './errors.js';

export const MAX_NESTING = 64;

/** Levels of a too-deep path shown in a message: enough to find the field, not a screenful. */
const SHOWN_LEVELS = 6;

/** The path to a value nested deeper than `max` levels (the top is level 1), or undefined. */
function tooDeepAt(value: unknown, max: number, level = 1): PropertyKey[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (level > max) return [];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const below = tooDeepAt(value[i], max, level + 1);
      if (below) return [i, ...below];
    }
    return undefined;
  }
  // Indexed, not for-of: every family a step changed is walked, and an iterator per object cost more than the walk.
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const below = tooDeepAt((value as Record<string, unknown>)[key], max, level + 1);
    if (below) return [key, ...below];
  }
  return undefined;
}

/** A problem when `data` nests more than MAX_NESTING levels deep, naming where; else undefined. */
export function nestingProblem(data: unknown, max = MAX_NESTING): Problem | undefined {
  const path = tooDeepAt(data, max);
  if (path === undefined) return undefined;
  const shown = describePath(path.slice(0, SHOWN_LEVELS), data);
  return { path: path.length > SHOWN_LEVELS ? `${shown}…` : shown, message: `is nested more than ${max} levels deep` };
}
