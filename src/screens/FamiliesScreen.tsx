// Families: the caseload, filtered as you type after `/`.
import { Box, Text } from 'ink';
import { Panel } from '../components/Panel.js';
import type { Translate } from '../tui/i18n.js';
import { fit } from '../tui/layout.js';
import type { PanelModel } from '../tui/models.js';
import { selectedIndex, type ScreenState } from '../tui/navigation.js';
import type { PositionLang } from '../tui/scrolling.js';

export interface FamiliesScreenProps {
  panel: PanelModel;
  screen: Extract<ScreenState, { name: 'families' }>;
  width: number;
  height: number;
  color: boolean;
  lang: PositionLang;
  t: Translate;
}

export function FamiliesScreen({ panel, screen, width, height, color, lang, t }: FamiliesScreenProps) {
  const showFilter = screen.filtering || screen.filter !== '';
  return (
    <Box flexDirection="column">
      {showFilter && (
        <Text wrap="truncate" color={screen.filtering && color ? 'cyan' : undefined}>
          {fit(`/ ${t('filter')}: ${screen.filter}${screen.filtering ? '▏' : ''}`, width)}
        </Text>
      )}
      <Panel
        model={panel}
        width={width}
        height={height - (showFilter ? 1 : 0)}
        focused={!screen.filtering}
        selected={selectedIndex(screen.selections[0], panel.rows.map((r) => r.id))}
        color={color}
        emptyText={t('none')}
        lang={lang}
      />
    </Box>
  );
}
