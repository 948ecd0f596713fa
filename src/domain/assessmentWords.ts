// The assessment's and the status form's words for people, in Danish and English, once for the
// CLI, the workbench and the documents (the layers may not import each other's catalogs).
import type { AssessmentView, MissingStep } from './assessment.js';
import { sanitizeLine } from './sanitize.js';
import { ASSESSMENT_METHOD_LABELS, ASSESSMENT_STAGE_LABELS, type Lang } from './vocabulary.js';

const da = {
  assessment: 'Familiefaglig undersøgelse',
  started: 'Startet',
  stage: 'Hvor langt',
  sections: 'Afsnit',
  member: 'Person',
  method: 'Metode',
  status: 'Status',
  updated: 'Ændret',
  summary: 'Resumé',
  analysis: 'Sags- og episodeanalyse',
  conclusion: 'Konklusion fra tværfagligt analysemøde (TAM)',
  goalsFromConclusion: 'Mål fra konklusionen',
  fromConclusion: 'Fra TAM-konklusionen',
  missing: 'Mangler',
  nothingMissing: 'intet',
  start: 'start af undersøgelsen',
  tam: 'TAM og konklusion',
  sectionsDone: 'afsnit færdige',
  statusForm: 'Statusskema',
  goal: 'Mål',
  familyView: 'Familiens syn',
  departmentViews: 'Afdelingernes syn',
  agreedStatus: 'Aftalt status',
  noStatusForm: 'Statusskemaet er ikke udfyldt endnu.',
} as const;

const en: Record<keyof typeof da, string> = {
  assessment: 'Family assessment',
  started: 'Started',
  stage: 'Stage',
  sections: 'Sections',
  member: 'Member',
  method: 'Method',
  status: 'Status',
  updated: 'Changed',
  summary: 'Summary',
  analysis: 'Case-and-episode analysis',
  conclusion: 'Conclusion of the cross-disciplinary analysis meeting (TAM)',
  goalsFromConclusion: 'Goals from the conclusion',
  fromConclusion: 'From the TAM conclusion',
  missing: 'Missing',
  nothingMissing: 'nothing',
  start: 'the start of the assessment',
  tam: 'the TAM and its conclusion',
  sectionsDone: 'sections done',
  statusForm: 'Status form',
  goal: 'Goal',
  familyView: "The family's view",
  departmentViews: "The departments' views",
  agreedStatus: 'Agreed status',
  noStatusForm: 'The status form has not been filled in yet.',
};

export const ASSESSMENT_WORDS: Record<Lang, Readonly<Record<keyof typeof da, string>>> = { da, en };

/** One missing step in words: "ICS (børneudredning) for Emil", "sags- og episodeanalyse". */
export function missingStepText(step: MissingStep, lang: Lang): string {
  const words = ASSESSMENT_WORDS[lang];
  switch (step.kind) {
    case 'start':
      return words.start;
    case 'section':
      return `${ASSESSMENT_METHOD_LABELS[step.method][lang]} for ${sanitizeLine(step.memberName ?? step.memberId)}`;
    case 'analysis':
      return words.analysis.toLocaleLowerCase(lang);
    case 'conclusion':
      return words.tam;
  }
}

/**
 * Where the family is, in one line: "venter på TAM · 4/4 afsnit færdige · mangler: TAM og
 * konklusion". The first `listed` missing steps (none: 0); the rest are counted.
 */
export function assessmentLine(view: AssessmentView, lang: Lang, listed = 2): string {
  const words = ASSESSMENT_WORDS[lang];
  const parts = [ASSESSMENT_STAGE_LABELS[view.stage][lang]];
  if (view.stage !== 'not-started') parts.push(`${view.sectionsDone}/${view.sections.length} ${words.sectionsDone}`);
  if (listed > 0 && view.missing.length > 0 && view.stage !== 'not-started') {
    const shown = view.missing.slice(0, listed).map((step) => missingStepText(step, lang));
    const more = view.missing.length - shown.length;
    parts.push(`${words.missing.toLocaleLowerCase(lang)}: ${shown.join(', ')}${more > 0 ? ` (+${more})` : ''}`);
  }
  return parts.join(' · ');
}
