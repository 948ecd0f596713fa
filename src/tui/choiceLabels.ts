// How a choice field of a dialog shows its values: a vocabulary's codes by their Danish or English
// labels ("Beskæftigelse", not "employment"), a member by their name, the empty value by what it
// means there ("(hele familien)").
import { ownValue } from '../domain/own.js';
import { AGREEMENT_STATUS_LABELS, ASSESSMENT_METHOD_LABELS, CASE_EVENT_LABELS, GOAL_STATUS_LABELS, MEETING_TYPE_LABELS, OBSERVATION_KIND_LABELS, SECTION_STATUS_LABELS, SECTOR_LABELS, STATUS_FORM_STATUS_LABELS } from '../domain/vocabulary.js';
import type { DialogState, Field, Vocabulary } from './forms.js';
import type { Lang, Translate } from './i18n.js';

const VOCABULARY_LABELS: Record<Vocabulary, Record<string, { da: string; en: string }>> = {
  sector: SECTOR_LABELS,
  meetingType: MEETING_TYPE_LABELS,
  goalStatus: GOAL_STATUS_LABELS,
  agreementStatus: AGREEMENT_STATUS_LABELS,
  observationKind: OBSERVATION_KIND_LABELS,
  caseEvent: CASE_EVENT_LABELS,
  assessmentMethod: ASSESSMENT_METHOD_LABELS,
  sectionStatus: SECTION_STATUS_LABELS,
  statusFormStatus: STATUS_FORM_STATUS_LABELS,
};

/** The words for one value of a choice field in this dialog. */
export function choiceLabel(dialog: DialogState, field: Field, value: string, lang: Lang, t: Translate): string {
  if (field.kind !== 'choice') return value;
  if (value === '') return field.emptyLabel ? t(field.emptyLabel) : '–';
  const vocabulary = field.vocabulary && ownValue(VOCABULARY_LABELS[field.vocabulary], value);
  return vocabulary?.[lang] ?? ownValue(dialog.labels, value) ?? value;
}
