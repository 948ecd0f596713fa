// Labels for human CLI output. Meeting types keep their Danish names in both languages: they are
// the words coordinators use.
import { MEETING_TYPE_LABELS, SECTOR_LABELS, type MeetingType, type Sector } from '../domain/vocabulary.js';
import type { Lang } from './context.js';

export const sectorLabel = (sector: Sector, lang: Lang) => SECTOR_LABELS[sector][lang];
export const meetingTypeLabel = (type: MeetingType) => MEETING_TYPE_LABELS[type].da;

/** "12.500 kr.": thousands marked with a point, as kroner are written (no ICU needed for it). */
export const kroner = (value: number) => `${String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} kr.`;
