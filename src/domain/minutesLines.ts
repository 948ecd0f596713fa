// A meeting's minutes are one text; its lines are what minutes.edit and minutes.remove address,
// counted from 1, and what the workbench selects. One definition, so both count the same lines.

/** The minutes' lines; none when the minutes are empty. */
export function minutesLinesOf(minutes: string): string[] {
  return minutes === '' ? [] : minutes.split('\n');
}
