// The domain's and the store's refusals in Danish. src/domain/schema.ts, operations.ts and the
// stores write them in English, the language of --json and scripts; the workbench (src/tui/i18n.ts)
// and the CLI (src/cli/errors.ts, batch.ts) show them in Danish through this one table. A message
// with no pattern here is shown as it is (tests/cli/danishEverywhere.test.ts finds those).
import { OBSERVATION_KIND_LABELS, type Lang, type ObservationKind } from './vocabulary.js';

const DANISH_OBJECTS = { goal: 'mål', contact: 'henvendelse', meeting: 'møde', agreement: 'aftale', member: 'person', intervention: 'indsats', consent: 'samtykke', family: 'familie' };

/** A Danish message for an English pattern: with $1… as String.replace has them, or built from the groups. */
type Danish = string | ((match: string, ...groups: string[]) => string);

/** "undo"/"redo" as the infinitive after "kan ikke" and "intet at". */
const danishVerb = (what: string) => (what === 'undo' ? 'fortryde' : 'gentage');

/**
 * The patterns, built when a message is first put into Danish: most commands never show a
 * problem, and building some eighty regular expressions at every start cost ~1.5 M instructions
 * of `famcoord today` (issue 19).
 */
let danishProblems: Array<[RegExp, Danish]> | undefined;
const buildDanishProblems = (): Array<[RegExp, Danish]> => [
  ...Object.entries(DANISH_OBJECTS).map(([en, da]): [RegExp, string] => [new RegExp(`^no ${en} (\\S+) \\(famcoord family FAMILY_ID shows the ids\\)$`), `${da} $1 findes ikke (længere)`]),
  [/^contact (\S+) is already resolved$/, 'henvendelse $1 er allerede afklaret'],
  [/^contact (\S+) is already cancelled$/, 'henvendelse $1 er allerede annulleret'],
  [/^consent (\S+) is already revoked$/, 'samtykke $1 er allerede trukket tilbage'],
  [/^agreement (\S+) is already done$/, 'aftale $1 er allerede udført'],
  [/^reply-by date is before the date the contact was opened$/, 'svarfristen ligger før den dag, henvendelsen blev oprettet'],
  [/^an intervention cannot end before it starts$/, 'en indsats kan ikke slutte, før den begynder'],
  [/^a consent cannot end before it is given$/, 'et samtykke kan ikke udløbe, før det er givet'],
  [/^must be a whole number from (\d+) to (\d+)$/, 'skal være et helt tal fra $1 til $2'],
  [/^must be a real date as YYYY-MM-DD, e\.g\. /, 'skal være en rigtig dato som ÅÅÅÅ-MM-DD, f.eks. '],
  [/^must be a date as YYYY-MM-DD, e\.g\. /, 'skal være en dato som ÅÅÅÅ-MM-DD, f.eks. '],
  [/^a date as YYYY-MM-DD, e\.g\. /, 'en dato som ÅÅÅÅ-MM-DD, f.eks. '],
  [/^a whole number from (\d+) to (\d+)$/, 'et helt tal fra $1 til $2'],
  [/^must not be empty \((.*)\)$/, 'må ikke være tom ($1)'],
  ...Object.entries(DANISH_OBJECTS).map(([en, da]): [RegExp, string] => [new RegExp(`^nothing to change: ${en} (\\S+) already has these values$`), `intet at ændre: ${da} $1 har allerede disse værdier`]),
  [/^is too long \(at most (\d+) characters\)$/, 'er for lang (højst $1 tegn)'],
  // Edit in place (#15)
  [/^nothing to change: give .*$/, 'intet at ændre: ret mindst ét felt'],
  [/^meeting (\S+) has no line (\d+) \(its minutes have (\d+)\)$/, 'møde $1 har ingen linje $2 (referatet har $3)'],
  [/^line (\d+) of meeting (\S+) was changed meanwhile; nothing was saved$/, 'linje $1 i møde $2 er ændret imens; intet er gemt'],
  [/^must be one of: /, 'skal være en af: '],
  [/^one of: /, 'en af: '],
  [/^there is nothing to (undo|redo) by (.+?)(?: \(famcoord log|: no undo).*$/, (_m, what, user) => `intet at ${danishVerb(what)} for ${user}`],
  [/^cannot (undo|redo) step (\d+): family (\S+) has been changed since by step (\d+) by (.+?), and .*$/, (_m, what, step, family, by, user) => `kan ikke ${danishVerb(what)} trin ${step}: familie ${family} er ændret siden af trin ${by} (${user}); fortryd det trin først`],
  [/^cannot (undo|redo) step (\d+): family (\S+) has been changed since outside famcoord's log.*$/, (_m, what, step, family) => `kan ikke ${danishVerb(what)} trin ${step}: familie ${family} er ændret uden om famcoords log`],
  [/^cannot (undo|redo): (.+) cannot be read .*$/, (_m, what, where) => `kan ikke ${danishVerb(what)}: ${where} kan ikke læses; intet er ændret. Kør famcoord doctor`],
  // The rest of the domain's refusals (#15): operations.ts, transaction.ts and the schemas.
  [/^no family (\S+) \(famcoord families lists them\)$/, 'familie $1 findes ikke (famcoord families viser familierne)'],
  [/^id (\S+) is already in use$/, 'id $1 er allerede i brug'],
  [/^family (\S+) cannot be put back as it was: its id (\S+) is used by family (\S+) since$/, 'familie $1 kan ikke sættes tilbage, som den var: dens id $2 bruges siden af familie $3'],
  [/^no member (\S+) in family (\S+); its members: (.*)$/, 'familie $2 har ingen person $1; dens personer: $3'],
  [/^no member (\S+) in family (\S+); it has no members yet$/, 'familie $2 har ingen person $1; den har ingen personer endnu'],
  [/^no goal (\S+) in family (\S+), the family of meeting (\S+)$/, 'mål $1 findes ikke i familie $2, som møde $3 hører til'],
  [/^date is the day an agreement was done: give it with status done$/, 'datoen er den dag, aftalen blev udført: angiv den sammen med status udført'],
  [/^family (\S+) already exists \(import with --prefer theirs to replace it, or --prefer ours to keep it\)$/, 'familie $1 findes allerede (importér med --prefer theirs for at erstatte den, eller --prefer ours for at beholde vores)'],
  [/^family (\S+): ids already used by another family: (.*)$/, 'familie $1: id, som en anden familie allerede bruger: $2'],
  [/^nothing to change: no operations$/, 'intet at ændre: ingen handlinger'],
  [/^nothing to change: together the operations leave every family as it was$/, 'intet at ændre: tilsammen efterlader handlingerne alle familier, som de var'],
  [/^is required: (.*)$/, (_m, what) => `mangler: ${danishProblem(what)}`],
  [/^must be a date and time with offset, e\.g\. /, 'skal være dato og klokkeslæt med tidszone, f.eks. '],
  [/^a date and time with offset, e\.g\. /, 'dato og klokkeslæt med tidszone, f.eks. '],
  [/^must be an id of letters, digits, - _ or \. \(e\.g\. g12\)$/, 'skal være et id af bogstaver, cifre, - _ eller . (f.eks. g12)'],
  [/^an id such as g12$/, 'et id som g12'],
  // Numbered ids (ids.ts): at most nine digits after the letters.
  [/^must have at most (\d+) digits after its letters \(e\.g\. g12\)$/, 'må højst have $1 cifre efter bogstaverne (f.eks. g12)'],
  [/^family (\S+): id (\S+) must have at most (\d+) digits after its letters \(e\.g\. g12\)$/, 'familie $1: id $2 må højst have $3 cifre efter bogstaverne (f.eks. g12)'],
  [/^id (\S+) must have at most (\d+) digits after its letters \(e\.g\. g12\)$/, 'id $1 må højst have $2 cifre efter bogstaverne (f.eks. g12)'],
  [/^no new id starting with (\S+) is left: (\S+), the highest a new id can have \((\d+) digits\), is in use; .*$/, 'der er intet nyt id tilbage, der begynder med $1: $2, det højeste et nyt id kan have ($3 cifre), er i brug; giv det selv et id ("id" i en batch-linje, eller --id hvor en kommando har det)'],
  [/^text \((.*)\)$/, 'tekst ($1)'],
  [/^must be a line number, 1 = the first line$/, 'skal være et linjenummer, 1 = den første linje'],
  [/^must be a whole number, 1 = most important$/, 'skal være et helt tal, 1 = vigtigst'],
  [/^must be minutes, e\.g\. 60$/, 'skal være minutter, f.eks. 60'],
  [/^must name at least one sector$/, 'skal nævne mindst én sektor'],
  [/^(?:must be|is required:) a word or a number, as the kind takes$/, 'skal være et ord eller et tal, som indikatoren tager'],
  [/^kind must be one of: /, 'indikatoren skal være en af: '],
  // An indicator's value: "must be a whole number from 0 to 10 for qualityOfLife".
  [new RegExp(`^(.*) for (${Object.keys(OBSERVATION_KIND_LABELS).join('|')})$`), (_m, message, kind) => `${danishProblem(message)} for ${OBSERVATION_KIND_LABELS[kind as ObservationKind].da.toLocaleLowerCase('da')}`],
  [/^ends before it starts$/, 'slutter, før den begynder'],
  [/^ends before it was given$/, 'udløber, før det blev givet'],
  [/^Unrecognized keys?: (.*)$/, 'ukendt felt: $1'],
  // An import file (src/domain/exchange.ts).
  [/^must be "famcoord-export" \(a file written by famcoord export\)$/, 'skal være "famcoord-export" (en fil skrevet af famcoord export)'],
  [/^must be (\d+)$/, 'skal være $1'],
  [/^the time of the export$/, 'tidspunktet for eksporten'],
  [/^a list of families$/, 'en liste af familier'],
  // The store's own refusals and what doctor finds (src/store/).
  [/^there is no store at (.*); create one with famcoord init, or try famcoord demo$/, 'der er intet register i $1; opret et med famcoord init, eller prøv famcoord demo'],
  [/^there is no step (\d+) in the log$/, 'der er intet trin $1 i loggen'],
  [/^the store is (\w+)$/, 'registret kan ikke bruges ($1)'],
  [/^(\d+) temp file\(s\) from an interrupted write; the next change removes them$/, '$1 midlertidig(e) fil(er) fra en afbrudt skrivning; næste ændring fjerner dem'],
  [/^(\d+) line\(s\) of the audit log cannot be read \(damaged, or sealed with another key\)$/, '$1 linje(r) i loggen kan ikke læses (beskadiget, eller låst med en anden nøgle)'],
  [/^no good backup was found$/, 'der blev ikke fundet nogen god sikkerhedskopi'],
  [/^backup (\d+) \((.*)\) is good: famcoord doctor --restore puts it back$/, 'sikkerhedskopi $1 ($2) er god: famcoord doctor --restore lægger den tilbage'],
  [/^(.+) can be read by others \(mode (\d+)\); the next change sets it to (\d+)$/, '$1 kan læses af andre (tilstand $2); næste ændring sætter den til $3'],
  [/^a lock file exists \((.*)\): (.*)$/, 'der findes en låsefil ($1): $2'],
  // A team on one store (#17): transfers and decisions
  [/^family (\S+) already has a transfer to (.+) waiting; it must be accepted or declined first$/, 'familie $1 har allerede en overdragelse til $2, der venter; den skal modtages eller afvises først'],
  [/^family (\S+) is already in (.+)'s caseload$/, 'familie $1 er allerede i sagsstammen hos $2'],
  [/^family (\S+) has no transfer waiting$/, 'familie $1 har ingen overdragelse, der venter'],
  [/^the transfer of family (\S+) is to (.+): only they can accept it$/, 'overdragelsen af familie $1 er til $2: kun de kan modtage den'],
  [/^the transfer of family (\S+) is to (.+): only they can decline it, or (.+) who asked$/, 'overdragelsen af familie $1 er til $2: kun de kan afvise den, eller $3, der ønskede den'],
  [/^intervention (\S+) is not waiting for a decision \(it is (\S+)\)$/, (_m, id, status) => `indsats ${id} venter ikke på en afgørelse (den er ${{ approved: 'bevilget', rejected: 'afslået', decided: 'afgjort' }[status as 'approved'] ?? status})`],
  [/^the decision on intervention (\S+) \((\S+)\) is (.+)'s to make$/, 'afgørelsen om indsats $1 ($2) træffes af $3'],
];

/** An English problem of the domain or a store in Danish; unchanged when no pattern knows it. */
export function danishProblem(message: string): string {
  for (const [pattern, danish] of (danishProblems ??= buildDanishProblems())) {
    if (!pattern.test(message)) continue;
    return typeof danish === 'string' ? message.replace(pattern, danish) : message.replace(pattern, danish);
  }
  return message;
}

/** A problem in the language it is shown in. */
export const problemInLang = (message: string, lang: Lang) => (lang === 'da' ? danishProblem(message) : message);
