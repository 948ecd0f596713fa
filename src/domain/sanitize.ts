// Text from the store or from input is untrusted: a note could hold escape sequences that rewrite
// the screen, set the window title (OSC), plant hyperlinks, or reorder text with BiDi controls.
// Everything shown in a terminal passes through here first.

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

/** Removes escape sequences and control characters; keeps newlines and tabs. */
export function sanitizeText(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '').replace(BIDI, '');
}

/** For one line of a table or panel: also folds newlines and tabs into spaces. */
export function sanitizeLine(text: string): string {
  return sanitizeText(text).replace(/[\n\t]+/g, ' ');
}
