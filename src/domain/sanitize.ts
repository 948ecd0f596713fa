// Text from the store or from input is untrusted: a note could hold escape sequences that rewrite
// the screen, set the window title (OSC), put a command in the clipboard (OSC 52), plant
// hyperlinks, or reorder text with BiDi controls. Everything shown in a terminal passes through
// here first; JSON output keeps such characters, escaped (escapeJsonControls).

// ESC-introduced sequences: CSI (ESC [ ... final), OSC/DCS/PM/APC/SOS strings (ended by BEL or ST),
// and two-character escapes. The 8-bit C1 forms are covered by the control-character class below.
const ESCAPE_SEQUENCE =
  // eslint-disable-next-line no-control-regex
  /\u001b(?:\[[0-?]*[ -/]*[@-~]?|[\]PX^_][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[ -/]*[0-~]?)/g;
// C0 controls except tab and newline, DEL, C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// Bidirectional overrides, embeddings, isolates and marks (Trojan Source).
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

// Characters that show nothing: zero-width spaces and joiners, word joiners and invisible
// operators, the byte order mark, and tag characters (U+E0000..U+E007F, which can spell out hidden
// text). They are shown as ⟨U+200B⟩, so that two names that look the same can be told apart and
// nothing is hidden in a note.
const INVISIBLE = /[\u180e\u200b-\u200d\u2060-\u2064\ufeff\u{e0000}-\u{e007f}]/gu;
// Unicode's line and paragraph separators: a terminal does not break the line at them (most show
// nothing, some a box), so a note pasted from a word processor would run its lines together, and a
// table cell would hide them. They are the newlines they stand for (a line of a table folds them).
const LINE_SEPARATOR = /[\u2028\u2029]/g;

const codePoint = (ch: string) => (ch.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0');

// Any character the passes below change (ESC, tab and newline among the C0 controls): most text
// has none, and one test is cheaper than five replacements (a table of a day's rows has thousands of cells).
// eslint-disable-next-line no-control-regex
const TO_SANITIZE = /[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|\udb40[\udc00-\udc7f]/;

/** Removes escape sequences and control characters and shows invisible characters; keeps newlines and tabs, and makes line separators newlines. */
export function sanitizeText(text: string): string {
  if (!TO_SANITIZE.test(text)) return text;
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '').replace(BIDI, '').replace(INVISIBLE, (ch) => `⟨U+${codePoint(ch)}⟩`).replace(LINE_SEPARATOR, '\n');
}

/** For one line of a table or panel: also folds newlines and tabs into spaces. */
export function sanitizeLine(text: string): string {
  if (!TO_SANITIZE.test(text)) return text;
  return sanitizeText(text).replace(/[\n\t]+/g, ' ');
}

// What JSON output writes as \uXXXX although JSON.stringify leaves it as it is (it escapes only
// C0): DEL and C1 controls, BiDi controls, invisible characters, and the line and paragraph
// separators. They can occur only inside strings, so escaping them keeps the JSON valid and the
// data the same, and a terminal showing the JSON is not driven by it.
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|\udb40[\udc00-\udc7f]/g;

/**
 * The first byte of each of those characters in UTF-8 (DEL 7F; C1 C2; U+061C D8; U+2xxx E2; U+FEFF
 * EF; the tags F3): text whose UTF-8 has none of these bytes has nothing escapeJsonControls
 * changes, and looking for six bytes is far cheaper than the regular expression over every
 * character of a long answer.
 */
export const JSON_UNSAFE_LEAD_BYTES: readonly number[] = [0x7f, 0xc2, 0xd8, 0xe2, 0xef, 0xf3];

/** JSON text (from JSON.stringify) with the characters above escaped. */
export function escapeJsonControls(json: string): string {
  return json.replace(JSON_UNSAFE, (chars) => chars.split('').map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''));
}
