// Today: the morning questions in three panels (DOMAIN.md, "A coordinator's day").
import type { PanelModel } from '../tui/models.js';
import type { ScreenState } from '../tui/navigation.js';
import type { PositionLang } from '../tui/scrolling.js';
import { PanelStack } from './PanelsScreen.js';

export interface TodayScreenProps {
  panels: readonly PanelModel[];
  screen: Extract<ScreenState, { name: 'today' }>;
  width: number;
  height: number;
  color: boolean;
  emptyText: string;
  lang: PositionLang;
}

export function TodayScreen({ panels, screen, ...rest }: TodayScreenProps) {
  return <PanelStack panels={panels} focusedPanel={screen.panel} selections={screen.selections} {...rest} />;
}
