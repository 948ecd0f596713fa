// Turning what people type (on the command line or in a dialog) into operation fields. These
// translate; the operation schemas validate, so an unknown word passes through unchanged and the
// error lists the allowed values.
import { parseEmploymentStatus, parseObservationKind, parseSeverity, parseYesNo, YES_NO_OBSERVATION_KINDS, type ObservationKind } from './vocabulary.js';

/** A number when the text is one, else the text, so validation can say "must be a whole number". */
export function numberOrText(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  return /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
}

/** An observation's kind and value from text: Danish or English words, or a number. */
export function observationFromText(kind: string | undefined, value: string | undefined): { kind?: string; value?: string | number | boolean } {
  const resolvedKind = kind === undefined ? undefined : (parseObservationKind(kind) ?? kind);
  const word =
    value === undefined
      ? undefined
      : resolvedKind === 'employment'
        ? parseEmploymentStatus(value)
        : resolvedKind === 'severity'
          ? parseSeverity(value)
          : YES_NO_OBSERVATION_KINDS.has(resolvedKind as ObservationKind)
            ? parseYesNo(value)
            : undefined;
  return { ...(resolvedKind !== undefined && { kind: resolvedKind }), ...(value !== undefined && { value: word ?? numberOrText(value) }) };
}
