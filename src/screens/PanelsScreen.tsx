// Panels stacked in the height there is, the focused one marked: Today, the Family plan and the
// report all are such a stack, so they share this one layout. In a small terminal the focused
// panel keeps its rows and the others collapse to their titles (stackHeights).
import { Box } from 'ink';
import { Panel } from '../components/Panel.js';
import { stackHeights } from '../tui/layout.js';
import type { PanelModel } from '../tui/models.js';
import { selectedIndex, type Selection } from '../tui/navigation.js';
import type { PositionLang } from '../tui/scrolling.js';

export interface PanelsProps {
  panels: readonly PanelModel[];
  focusedPanel: number;
  selections: readonly Selection[];
  width: number;
  height: number;
  color: boolean;
  emptyText: string;
  lang: PositionLang;
}

/** The lines each panel of a stack gets: its rows and two (title and header) as it wants. */
export function panelHeights(panels: readonly PanelModel[], focusedPanel: number, height: number): number[] {
  return stackHeights(panels.map((p) => p.rows.length + 2), focusedPanel, height);
}

export function PanelStack({ panels, focusedPanel, selections, width, height, color, emptyText, lang }: PanelsProps) {
  const heights = panelHeights(panels, focusedPanel, height);
  return (
    <Box flexDirection="column">
      {panels.map((panel, i) => (
        <Panel
          key={panel.title}
          model={panel}
          width={width}
          height={heights[i] as number}
          focused={i === focusedPanel}
          selected={selectedIndex(selections[i], panel.rows.map((r) => r.id))}
          color={color}
          emptyText={emptyText}
          lang={lang}
        />
      ))}
    </Box>
  );
}
