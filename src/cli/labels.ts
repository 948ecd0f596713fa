// Labels for human CLI output. Meeting types keep their Danish names in both languages: they are
// the words coordinators use.
import { MEETING_TYPE_LABELS, SECTOR_LABELS, type MeetingType, type Sector } from '../domain/vocabulary.js';
import type { Lang } from './context.js';

export const sectorLabel = (sector: Sector, lang: Lang) => SECTOR_LABELS[sector][lang];
export const meetingTypeLabel = (type: MeetingType) => MEETING_TYPE_LABELS[type].da;
