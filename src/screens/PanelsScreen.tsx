// Panels stacked in the height there is, the focused one marked: Today and the Family plan both
// are such a stack, so they share this one layout.
import { Box } from 'ink';
import { Panel } from '../components/Panel.js';
import { allocateHeights } from '../tui/layout.js';
import type { PanelModel } from '../tui/models.js';
import { selectedIndex, type Selection } from '../tui/navigation.js';

export interface PanelsProps {
  panels: readonly PanelModel[];
  focusedPanel: number;
  selections: readonly Selection[];
  width: number;
  height: number;
  color: boolean;
  emptyText: string;
}

export function PanelStack({ panels, focusedPanel, selections, width, height, color, emptyText }: PanelsProps) {
  const heights = allocateHeights(panels.map((p) => p.rows.length + 2), height);
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
        />
      ))}
    </Box>
  );
}
