// What the commands that change many things at once (erase, import, batch) say when done or when
// they only tried, in Danish and English (--lang, else LANG). A single change says "Gemt: …" from
// applyOperations (context.ts), undo and redo their own words (undo.ts); --json says none of this.
import type { Lang } from './context.js';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const en = {
  erased: (familyId: string, step: number) => `Erased family ${familyId} from the store, the audit log and the backups (step ${step}); it cannot be undone`,
  batchWouldApply: (operations: number, families: number) =>
    `Dry run: ${count(operations, 'operation', 'operations')} on ${count(families, 'family', 'families')} would be applied; nothing was written.`,
  batchApplied: (operations: number, families: number, step: number) =>
    `Applied ${count(operations, 'operation', 'operations')} to ${count(families, 'family', 'families')} in one step (step ${step}); famcoord undo takes it back`,
  importWouldWrite: (families: number) => `Dry run: ${count(families, 'family', 'families')} would be written; nothing was written.`,
  nothingToImport: (oursKept: boolean) => `Nothing to import: the store already has ${oursKept ? 'these families (ours kept)' : 'these families as they are'}.`,
  imported: (families: number, step: number) => `Imported ${count(families, 'family', 'families')} in one step (step ${step}); famcoord undo takes it back.`,
};

const da: typeof en = {
  erased: (familyId, step) => `Slettet: familie ${familyId} fra registret, loggen og sikkerhedskopierne (trin ${step}); det kan ikke fortrydes`,
  batchWouldApply: (operations, families) =>
    `Prøvekørsel: ${count(operations, 'handling', 'handlinger')} på ${count(families, 'familie', 'familier')} ville blive udført; intet er skrevet.`,
  batchApplied: (operations, families, step) =>
    `Gemt: ${count(operations, 'handling', 'handlinger')} på ${count(families, 'familie', 'familier')} i ét trin (trin ${step}); famcoord undo fortryder det`,
  importWouldWrite: (families) => `Prøvekørsel: ${count(families, 'familie', 'familier')} ville blive skrevet; intet er skrevet.`,
  nothingToImport: (oursKept) => `Intet at importere: registret har allerede ${oursKept ? 'disse familier (vores beholdt)' : 'disse familier, som de er'}.`,
  imported: (families, step) => `Importeret: ${count(families, 'familie', 'familier')} i ét trin (trin ${step}); famcoord undo fortryder det.`,
};

const WORDS: Record<Lang, typeof en> = { da, en };

/** The confirmations in one language. */
export const confirmations = (lang: Lang): Readonly<typeof en> => WORDS[lang];
