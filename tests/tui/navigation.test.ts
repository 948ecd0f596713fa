import { describe, expect, it } from 'vitest';
import { openDialog } from '../../src/tui/forms.js';
import { currentScreen, familyScreen, initialUi, selectedIndex, uiReducer, type UiState } from '../../src/tui/navigation.js';

const reduce = (ui: UiState, ...actions: Parameters<typeof uiReducer>[1][]) => actions.reduce(uiReducer, ui);

describe('navigation and focus', () => {
  it('starts on Today, pushes screens and pops back with Esc, never past the first', () => {
    let ui = reduce(initialUi(), { type: 'push', screen: familyScreen('f3') });
    expect(currentScreen(ui)).toMatchObject({ name: 'family', familyId: 'f3' });
    ui = reduce(ui, { type: 'pop' }, { type: 'pop' }, { type: 'pop' });
    expect(ui.stack.map((s) => s.name)).toEqual(['today']);
    expect(reduce(ui, { type: 'home', screen: 'families' }).stack.map((s) => s.name)).toEqual(['today', 'families']);
  });

  it('moves the selection within the list and keeps it on the same row when the list changes', () => {
    const ids = ['g1', 'g2', 'g3', 'g4'];
    let ui = reduce(initialUi(), { type: 'panel', delta: 1, panelCount: 3 }, { type: 'move', delta: 2, ids }, { type: 'move', delta: 5, ids });
    const screen = currentScreen(ui);
    if (screen.name !== 'today') throw new Error('expected today');
    expect(screen.panel).toBe(1);
    expect(screen.selections[1]).toEqual({ index: 3, id: 'g4' });
    // Another process added a goal before it: the selection follows g4.
    expect(selectedIndex(screen.selections[1], ['g0', 'g1', 'g2', 'g3', 'g4'])).toBe(4);
    // g4 was resolved elsewhere: the selection stays at the same place, clamped.
    expect(selectedIndex(screen.selections[1], ['g1', 'g2'])).toBe(1);
    ui = reduce(ui, { type: 'move', delta: -10, ids });
    expect((currentScreen(ui) as { selections: { index: number }[] }).selections[1]?.index).toBe(0);
  });

  it('wraps Tab and Shift-Tab around the panels', () => {
    const ui = reduce(initialUi(), { type: 'panel', delta: -1, panelCount: 3 });
    expect((currentScreen(ui) as { panel: number }).panel).toBe(2);
    expect((currentScreen(reduce(ui, { type: 'panel', delta: 1, panelCount: 3 })) as { panel: number }).panel).toBe(0);
  });

  it('filters families as you type, and Esc clears the filter', () => {
    let ui = reduce(initialUi(), { type: 'home', screen: 'families' }, { type: 'filterStart' }, { type: 'filterType', text: 'jen' }, { type: 'filterType', text: 's' }, { type: 'filterBackspace' });
    expect(currentScreen(ui)).toMatchObject({ name: 'families', filter: 'jen', filtering: true });
    ui = reduce(ui, { type: 'filterEnd', clear: false });
    expect(currentScreen(ui)).toMatchObject({ filter: 'jen', filtering: false });
    expect(currentScreen(reduce(ui, { type: 'filterStart' }, { type: 'filterEnd', clear: true }))).toMatchObject({ filter: '', filtering: false });
  });

  it('opens Families filtering from any other screen, and Esc twice goes back where it was', () => {
    let ui = reduce(initialUi(), { type: 'filterStart' }, { type: 'filterType', text: 'oscar' });
    expect(ui.stack.map((s) => s.name)).toEqual(['today', 'families']);
    expect(currentScreen(ui)).toMatchObject({ name: 'families', filter: 'oscar', filtering: true });
    ui = reduce(ui, { type: 'filterEnd', clear: true }, { type: 'pop' });
    expect(currentScreen(ui).name).toBe('today');
  });

  it('holds at most one dialog, whose typing is independent of data refreshes', () => {
    let ui = reduce(initialUi(), { type: 'openDialog', dialog: openDialog('resolve', 'c4') }, { type: 'dialog', action: { type: 'type', text: 'PPR kommer' } });
    ui = reduce(ui, { type: 'move', delta: 1, ids: ['m1', 'm2'] }); // a refresh or stray key does not touch the dialog
    expect(ui.dialog?.values.resolution).toBe('PPR kommer');
    expect(reduce(ui, { type: 'closeDialog' }).dialog).toBeUndefined();
  });
});

describe('the undo and redo question', () => {
  it('waits for an answer above the screen, and goes once answered', () => {
    const confirmation = { kind: 'undo' as const, step: 7, question: 'Undo goal.progress on g12 by hanne at 10:42? (y/n)' };
    const asked = reduce(initialUi(), { type: 'status', status: { text: 'Saved', kind: 'info' } }, { type: 'ask', confirmation });
    expect(asked.confirmation).toEqual(confirmation);
    expect(asked.status).toBeUndefined();
    expect(reduce(asked, { type: 'answered' })).toEqual({ ...asked, confirmation: undefined });
  });
});
