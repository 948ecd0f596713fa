// Placeholder until the Ink workbench lands (branch tui): keeps the build's dynamic import resolvable.
import type { FamilyStore } from '../store/Store.js';

export interface TuiOptions {
  store: FamilyStore;
  lang: 'da' | 'en';
  today?: string;
  timeZone: string;
  user: string;
  noColor: boolean;
}

export async function runTui(_options: TuiOptions): Promise<number> {
  process.stderr.write('famcoord: the workbench is not built yet; use famcoord today\n');
  return 1;
}
