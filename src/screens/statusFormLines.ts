// An FFS's status form on the meeting screen, under the agreements: per goal the agreed status,
// then the family's view and each department's view, wrapped to the screen. Other meetings show
// none of it.
import { ASSESSMENT_WORDS } from '../domain/assessmentWords.js';
import { sanitizeLine } from '../domain/sanitize.js';
import type { Meeting } from '../domain/schema.js';
import type { StatusFormLine } from '../domain/statusForm.js';
import { labelOf, SECTOR_LABELS, STATUS_FORM_STATUS_LABELS, type Lang } from '../domain/vocabulary.js';
import type { Translate } from '../tui/i18n.js';
import type { MeetingLine } from './MeetingScreen.js';
import { wrapped } from './wrapped.js';

export function statusFormBody(meeting: Meeting, form: readonly StatusFormLine[], { width, lang, t }: { width: number; lang: Lang; t: Translate }): MeetingLine[] {
  if (meeting.type !== 'flerfagligt-statusmøde' && form.length === 0) return [];
  const lines = (text: string, kind: MeetingLine['kind'], indent = '') => wrapped(text, width - indent.length).map((part): MeetingLine => ({ text: `${indent}${part}`, kind }));
  return [
    { text: '', kind: 'empty' },
    { text: `${ASSESSMENT_WORDS[lang].statusForm} (${form.length})`, kind: 'section' },
    ...form.flatMap((row) => {
      const status = [row.agreedStatus === undefined ? undefined : labelOf(STATUS_FORM_STATUS_LABELS, row.agreedStatus, lang), row.agreed === undefined ? undefined : sanitizeLine(row.agreed)].filter(Boolean).join(' – ');
      return [
        ...lines(`• ${sanitizeLine(row.goalTitle)}${status ? `: ${status}` : ''}`, 'agreement'),
        ...(row.familyView === undefined ? [] : lines(`${t('familyView')}: ${sanitizeLine(row.familyView)}`, 'text', '  ')),
        ...row.views.flatMap((v) => lines(`${labelOf(SECTOR_LABELS, v.sector, lang)}: ${sanitizeLine(v.view)}`, 'text', '  ')),
      ];
    }),
  ];
}
