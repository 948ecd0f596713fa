// famcoord redo: apply again the step your newest undo reverted, or --step N (one an undo reverted).
import type { Command } from 'commander';
import { registerReversal } from './undo.js';

export function registerRedo(program: Command): void {
  registerReversal(program, {
    name: 'redo',
    description: 'apply again the change your last undo reverted',
    stepHelp: 'the step to apply again instead (one an undo reverted, whoever made it)',
    examples: '  famcoord redo\n  famcoord redo --step 7',
  });
}
