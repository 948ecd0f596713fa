// The family plan on one screen, as before a network meeting: who is in the family, then the
// family's goals by their priority with progress over time, meetings, contacts, interventions.
import { Box, Text } from 'ink';
import { sanitizeLine } from '../domain/sanitize.js';
import type { FamilyPlan } from '../domain/views.js';
import type { Translate } from '../tui/i18n.js';
import { fit } from '../tui/layout.js';
import type { PanelModel } from '../tui/models.js';
import type { ScreenState } from '../tui/navigation.js';
import type { PositionLang } from '../tui/scrolling.js';
import { PanelStack } from './PanelsScreen.js';

export interface FamilyScreenProps {
  plan: FamilyPlan;
  panels: readonly PanelModel[];
  screen: Extract<ScreenState, { name: 'family' }>;
  width: number;
  height: number;
  color: boolean;
  lang: PositionLang;
  t: Translate;
}

export function FamilyScreen({ plan, panels, screen, width, height, color, lang, t }: FamilyScreenProps) {
  const members = plan.members.map((m) => `${sanitizeLine(m.name)} (${t(m.role)})`).join(', ');
  const coordinator = plan.coordinator ? ` · ${t('coordinator')}: ${sanitizeLine(plan.coordinator)}` : '';
  return (
    <Box flexDirection="column">
      <Text wrap="truncate" bold={color}>{fit(`${t('members')}: ${members}${coordinator}`, width)}</Text>
      <PanelStack panels={panels} focusedPanel={screen.panel} selections={screen.selections} width={width} height={height - 1} color={color} emptyText={t('none')} lang={lang} />
    </Box>
  );
}
