// Help in Danish: what `famcoord --help` shows (commander's headings and usage line, each
// command's, argument's and option's description, the text after it) for a coordinator whose
// famcoord speaks Danish (--lang da, or a Danish LANG). The English stays where each command
// registers it; this is the one table of its Danish, keyed by the English, so that a new text and a
// changed one are both caught (tests/cli/help.test.ts shows every command's help in Danish and
// fails on a text without Danish, and on Danish no help uses). A chunk of its own: program.ts
// loads it only when commander is about to show help in Danish, so no other run pays for it.
import type { EventEmitter } from 'node:events';
import { Help, type Command, type HelpConfiguration } from 'commander';

/** The placeholders commander puts in a usage line, said in Danish; an argument's own (<FAMILY_ID>) stay. */
const USAGE_PLACEHOLDERS = new Set(['[options]', '[command]']);

/** The labels commander puts before what it knows of an option's value: `(default: "")`. */
const VALUE_LABELS = /(^ ?\(|, )(default|choices|preset|env):/g;

/** Each English text of help and its Danish. */
export const DANISH_HELP: Readonly<Record<string, string>> = {
  // commander's own words: headings, placeholders, labels, its help and version options
  'Usage:': 'Brug:',
  'Arguments:': 'Argumenter:',
  'Options:': 'Tilvalg:',
  'Global Options:': 'Globale tilvalg:',
  'Commands:': 'Kommandoer:',
  '[options]': '[tilvalg]',
  '[command]': '[kommando]',
  'default:': 'standard:',
  'display help for command': 'vis hjælp til kommandoen',
  // famcoord and its global options
  "famcoord: the family coordinator's workbench. Without a command it opens the workbench (TUI).":
    'famcoord: familiekoordinatorens arbejdsbord. Uden en kommando åbner det arbejdsbordet (TUI).',
  'output the version number':
    'vis versionsnummeret',
  'the store file (default: $FAMCOORD_STORE, the config, or the user data folder)':
    'registerfilen (standard: $FAMCOORD_STORE, konfigurationen eller brugerens datamappe)',
  'print machine-readable JSON':
    'skriv JSON til maskiner',
  'pin "today" (for demos, tests and looking back)':
    'fastlås "i dag" (til demoer, test og tilbageblik)',
  'language of labels (default: from LANG)':
    'sproget i teksterne (standard: fra LANG)',
  "only this coordinator's families, for a team's store (default: $FAMCOORD_CASELOAD)":
    'kun denne koordinators familier, i et teams register (standard: $FAMCOORD_CASELOAD)',
  // today
  "today's meetings, overdue goals, unresolved cross-sector contacts and agreements to follow up":
    'dagens møder, mål over fristen, uafklarede henvendelser på tværs af sektorer og aftaler at følge op på',
  'Example:':
    'Eksempel:',
  // families
  'the caseload: every family with its overdue goals and open contacts':
    'sagsstammen: hver familie med dens mål over fristen og åbne henvendelser',
  'Examples:':
    'Eksempler:',
  'add a family and its members':
    'tilføj en familie og dens personer',
  'the family\'s name, e.g. "Familien Jensen" (required)':
    'familiens navn, f.eks. "Familien Jensen" (skal angives)',
  'a member, role adult or child (repeatable)':
    'en person, rolle adult (voksen) eller child (barn) (kan gentages)',
  'the family coordinator':
    'familiens koordinator',
  'a chosen id (default: the next free f-number)':
    'et valgt id (standard: det næste ledige f-nummer)',
  // member
  'the fields as a JSON object in a file, or - for standard input, instead of the flags: keeps names off the command line, where other users can see them (ps)':
    'felterne som et JSON-objekt i en fil, eller - for standard input, i stedet for tilvalgene: holder navne væk fra kommandolinjen, hvor andre brugere kan se dem (ps)',
  // families
  'Example, with the names kept off the command line:':
    'Eksempel, med navnene holdt væk fra kommandolinjen:',
  // family
  'the whole family plan: members, goals with progress, meetings, contacts, interventions':
    'hele familiens plan: personer, mål med fremskridt, møder, henvendelser, indsatser',
  // plan
  'the family, e.g. f3 (famcoord families lists them)':
    'familien, f.eks. f3 (famcoord families viser dem)',
  // family
  'who holds the decision authority (myndighed) for a sector: a named caseworker, or the coordinator':
    'hvem der har myndigheden for en sektor: en navngiven sagsbehandler eller koordinatoren',
  // contact
  'employment, children, adults, school, health, housing, finance or leisure (required)':
    'employment, children, adults, school, health, housing, finance eller leisure (skal angives)',
  // family
  'the caseworker who decides, as the team names people':
    'sagsbehandleren, der træffer afgørelsen, som teamet navngiver personer',
  "give the authority back to the family's coordinator":
    'giv myndigheden tilbage til familiens koordinator',
  // assessment
  'the family, e.g. f3':
    'familien, f.eks. f3',
  // goal
  "the family's goals (familiens mål)":
    'familiens mål',
  "add a goal, in the family's own words":
    'tilføj et mål, med familiens egne ord',
  "the goal in the family's words (required)":
    'målet med familiens ord (skal angives)',
  'when it should be reached (required)':
    'hvornår det skal være nået (skal angives)',
  'whose goal it is (default: the whole family)':
    'hvis mål det er (standard: hele familien)',
  'proposed, active, on-hold, completed or cancelled':
    'proposed, active, on-hold, completed eller cancelled',
  "the family's priority, 1 = most important (default: last)":
    'familiens prioritet, 1 = vigtigst (standard: sidst)',
  // intervention
  "the plan it comes from: family (the family's own), handleplan, jobplan (Min Plan), uddannelsesplan, rehabiliteringsplan or other":
    'planen, det kommer fra: family (familiens egen), handleplan, jobplan (Min Plan), uddannelsesplan, rehabiliteringsplan eller other',
  'the responsible department, e.g. "Jobcenter Nord"':
    'den ansvarlige afdeling, f.eks. "Jobcenter Nord"',
  'the responsible caseworker there':
    'den ansvarlige sagsbehandler dér',
  // goal
  "the goal is in the family's own words":
    'målet er med familiens egne ord',
  "the goal is in a department's words":
    'målet er med en afdelings ord',
  "record a goal's progress: a 0–10 score and a note":
    'registrér fremskridt på et mål: en score fra 0 til 10 og en note',
  'how far the family has come, 0 to 10 (required)':
    'hvor langt familien er nået, 0 til 10 (skal angives)',
  'what happened, in a sentence':
    'hvad der skete, i en sætning',
  // observe
  'the date of the assessment (default: today)':
    'datoen for vurderingen (standard: i dag)',
  // goal
  'also change the status, e.g. completed':
    'skift også status, f.eks. completed',
  'the goal, e.g. g12':
    'målet, f.eks. g12',
  "change a goal's status":
    'skift et måls status',
  "change a goal's title, due date, sector, priority, member, status, or where it comes from in the plan":
    'ret et måls titel, frist, sektor, prioritet, person, status, eller hvor i planen det kommer fra',
  "the goal in the family's words":
    'målet med familiens ord',
  'the new due date':
    'den nye frist',
  'the sector':
    'sektoren',
  "the family's priority, 1 = most important":
    'familiens prioritet, 1 = vigtigst',
  'whose goal it is':
    'hvis mål det er',
  "make it the whole family's goal (no member)":
    'gør det til hele familiens mål (ingen person)',
  // meeting
  'meetings: netværksmøde, stormøde, FFS (and its status form), TAM, opfølgning, hjemmebesøg':
    'møder: netværksmøde, stormøde, FFS (og dets statusskema), TAM, opfølgning, hjemmebesøg',
  'plan a meeting':
    'planlæg et møde',
  'netværksmøde, stormøde, flerfagligt-statusmøde (FFS), tværfagligt-analysemøde (TAM), opfølgning or hjemmebesøg (required)':
    'netværksmøde, stormøde, flerfagligt-statusmøde (FFS), tværfagligt-analysemøde (TAM), opfølgning eller hjemmebesøg (skal angives)',
  '"YYYY-MM-DD HH:MM" in local time, or ISO with offset (required)':
    '"YYYY-MM-DD HH:MM" i lokal tid, eller ISO med tidszone (skal angives)',
  'length in minutes':
    'varighed i minutter',
  'where':
    'hvor',
  'who attends, with their sector and role, both optional (repeatable)':
    'hvem der deltager, med sektor og rolle, begge valgfri (kan gentages)',
  "change a meeting's type, time, length, place or attendees":
    'ret et mødes type, tid, varighed, sted eller deltagere',
  'the kind of meeting':
    'mødets type',
  '"YYYY-MM-DD HH:MM" in local time, or ISO with offset':
    '"YYYY-MM-DD HH:MM" i lokal tid, eller ISO med tidszone',
  'who attends (repeatable; the list given replaces the attendees)':
    'hvem der deltager (kan gentages; listen erstatter deltagerne)',
  'remove every attendee':
    'fjern alle deltagere',
  'the meeting, e.g. m4':
    'mødet, f.eks. m4',
  "fill in one goal's row of an FFS's status form: the family's view, each department's view, the agreed status":
    "udfyld et måls række i et FFS' statusskema: familiens syn, hver afdelings syn, den aftalte status",
  'the goal of the row (required)':
    'rækkens mål (skal angives)',
  'the family\'s view of how it goes ("" takes it away)':
    'familiens syn på, hvordan det går ("" fjerner det)',
  'a department\'s view, by its sector (repeatable; "SECTOR:" takes it away)':
    'en afdelings syn, efter dens sektor (kan gentages; "SECTOR:" fjerner det)',
  'the agreed status: reached, on-track, unchanged or worse':
    'den aftalte status: reached, on-track, unchanged eller worse',
  'the agreed status in words':
    'den aftalte status med ord',
  'the flerfagligt statusmøde, e.g. m4':
    'det flerfaglige statusmøde, f.eks. m4',
  'replace one line of the minutes (famcoord minutes shows them; 1 = the first line)':
    'erstat en linje i referatet (famcoord minutes viser dem; 1 = første linje)',
  'the new text of the line (required)':
    'linjens nye tekst (skal angives)',
  'the line number, 1 = the first':
    'linjenummeret, 1 = den første',
  'remove one line of the minutes (1 = the first line)':
    'fjern en linje i referatet (1 = første linje)',
  "record a meeting's minutes and agreements (who does what by when)":
    'registrér et mødes referat og aftaler (hvem gør hvad hvornår)',
  'the minutes (replace what is there, or --append)':
    'referatet (erstatter det, der står, eller --append)',
  'add to the minutes so far instead of replacing them':
    'føj til referatet i stedet for at erstatte det',
  'an agreement: "WHO|WHAT|YYYY-MM-DD" (repeatable)':
    'en aftale: "WHO|WHAT|YYYY-MM-DD" (hvem|hvad|frist; kan gentages)',
  "the goal of the family's plan these agreements serve, e.g. g12":
    'målet i familiens plan, som aftalerne tjener, f.eks. g12',
  // agreement
  'follow up agreements made at meetings (aftaler): done, changed, dropped or removed':
    'følg op på aftaler fra møder: udført, ændret, opgivet eller fjernet',
  'mark an agreement done':
    'markér en aftale som udført',
  'the day it was done (default: today)':
    'dagen, den blev udført (standard: i dag)',
  'the agreement, e.g. a12 (m4.2 for one recorded before agreements had ids; famcoord today and famcoord family show them)':
    'aftalen, f.eks. a12 (m4.2 for en registreret, før aftaler fik id; famcoord today og famcoord family viser dem)',
  'change who does an agreement, what, by when, or its status (dropped: no longer to be done)':
    'ret hvem der gør en aftale, hvad, hvornår, eller dens status (dropped: skal ikke længere gøres)',
  'who does it':
    'hvem der gør det',
  'what is to be done':
    'hvad der skal gøres',
  'by when':
    'hvornår',
  'open, done or dropped':
    'open, done eller dropped',
  'the day it was done, with --status done (default: today)':
    'dagen, den blev udført, med --status done (standard: i dag)',
  'take out an agreement recorded by mistake (undo brings it back; one no longer to be done is better dropped: update --status dropped)':
    'tag en aftale ud, der blev registreret ved en fejl (undo bringer den tilbage; en, der ikke længere skal gøres, er bedre opgivet: update --status dropped)',
  // contact
  'cross-sector contacts: a question or request to another department':
    'henvendelser på tværs af sektorer: et spørgsmål eller en anmodning til en anden afdeling',
  'open a contact to another department':
    'opret en henvendelse til en anden afdeling',
  'the question or request (required)':
    'spørgsmålet eller anmodningen (skal angives)',
  'the department, e.g. "Jobcenter Nord"':
    'afdelingen, f.eks. "Jobcenter Nord"',
  'when it was sent (default: today)':
    'hvornår den blev sendt (standard: i dag)',
  'when an answer is due':
    'hvornår et svar skal foreligge',
  'record the answer from the other department (the contact stays to be resolved)':
    'registrér svaret fra den anden afdeling (henvendelsen skal stadig afklares)',
  'what they answered (required)':
    'hvad de svarede (skal angives)',
  // consent
  'when (default: today)':
    'hvornår (standard: i dag)',
  // contact
  'the contact, e.g. c5':
    'henvendelsen, f.eks. c5',
  'close a contact with its resolution':
    'luk en henvendelse med dens afklaring',
  'how it was resolved (required)':
    'hvordan den blev afklaret (skal angives)',
  'cancel a contact that is no longer needed':
    'annullér en henvendelse, der ikke længere er brug for',
  // transfer
  'why':
    'hvorfor',
  // consent
  "the family's consent (samtykke) to share information with other sectors":
    'familiens samtykke til at dele oplysninger med andre sektorer',
  'record a consent: which sectors, from when, until when':
    'registrér et samtykke: hvilke sektorer, fra hvornår, til hvornår',
  'a sector the consent covers (repeatable; required)':
    'en sektor, samtykket dækker (kan gentages; skal angives)',
  // intervention
  'its last day (required)':
    'dets sidste dag (skal angives)',
  // consent
  'when it was given (default: today)':
    'hvornår det blev givet (standard: i dag)',
  'record that the family withdrew a consent':
    'registrér, at familien har trukket et samtykke tilbage',
  'the consent, e.g. k2':
    'samtykket, f.eks. k2',
  // intervention
  'interventions (indsatser) for a member':
    'indsatser for en person',
  'record an intervention; overlaps with the same kind or purpose are flagged':
    'registrér en indsats; overlap med samme slags eller formål markeres',
  'who receives it, e.g. p7 (required)':
    'hvem der modtager den, f.eks. p7 (skal angives)',
  'the sector that provides it (required)':
    'sektoren, der giver den (skal angives)',
  'e.g. mentorstøtte, SKP, lektiestøtte (required)':
    'f.eks. mentorstøtte, SKP, lektiestøtte (skal angives)',
  'start date (required)':
    'startdato (skal angives)',
  'end date (default: ongoing)':
    'slutdato (standard: løbende)',
  'what it costs, in whole kroner (per month unless --cost-per total)':
    'hvad den koster, i hele kroner (pr. måned, medmindre --cost-per total)',
  'whether --cost is a monthly rate or one sum for the whole period (default: month)':
    'om --cost er en månedlig sats eller én sum for hele perioden (standard: month)',
  'the sector whose budget pays (default: the sector that provides it)':
    'sektoren, hvis budget betaler (standard: sektoren, der giver den)',
  "change an intervention's kind, the plan it comes from, who is responsible, its cost or payer":
    "ret en indsats' slags, planen den kommer fra, hvem der er ansvarlig, dens pris eller betaler",
  'e.g. mentorstøtte':
    'f.eks. mentorstøtte',
  'the intervention, e.g. i4':
    'indsatsen, f.eks. i4',
  'approve a proposed intervention, as the holder of the decision authority for its sector; shows what it would overlap first':
    'bevilg en indstillet indsats, som den, der har myndigheden for dens sektor; viser først, hvad den ville overlappe',
  'reject a proposed intervention, with the reason, as the holder of the decision authority for its sector':
    'afslå en indstillet indsats, med begrundelsen, som den, der har myndigheden for dens sektor',
  'why (required)':
    'hvorfor (skal angives)',
  'end an intervention':
    'afslut en indsats',
  // transfer
  "ask for a family to move to another coordinator's caseload; the receiver accepts or declines":
    'ønsk en familie flyttet til en anden koordinators sagsstamme; modtageren modtager eller afviser',
  'the coordinator to take it over, as families name coordinators (required)':
    'koordinatoren, der skal overtage den, som familierne navngiver koordinatorer (skal angives)',
  'why, or what the receiver should know':
    'hvorfor, eller hvad modtageren skal vide',
  'take over a family whose transfer to you waits':
    'overtag en familie, hvis overdragelse til dig venter',
  'decline a transfer to you (or take back one you asked for)':
    'afvis en overdragelse til dig (eller træk en tilbage, du selv har ønsket)',
  // team
  "the lead's overview: each coordinator's caseload, what waits in it, and the median reply time per sector over 90 days":
    'lederens overblik: hver koordinators sagsstamme, hvad der venter i den, og mediantiden til svar pr. sektor over 90 dage',
  "the team's people: each a PostgreSQL login with a role (coordinator, caseworker, lead, auditor)":
    'teamets personer: hver et PostgreSQL-login med en rolle (coordinator, caseworker, lead, auditor)',
  'add a person: their login (made without a password when there is none), name and role':
    'tilføj en person: deres login (oprettet uden adgangskode, hvis der ikke er et), navn og rolle',
  'their name as families name them (the coordinator field), e.g. "Hanne Kjær"':
    'deres navn, som familierne navngiver dem (koordinatorfeltet), f.eks. "Hanne Kjær"',
  'one of coordinator, caseworker, lead, auditor':
    'en af coordinator, caseworker, lead, auditor',
  "a caseworker's sector (repeat for more)":
    'en sagsbehandlers sektor (gentag for flere)',
  'their PostgreSQL login, e.g. hanne':
    'deres PostgreSQL-login, f.eks. hanne',
  "the team's people: login, name, role, sectors":
    'teamets personer: login, navn, rolle, sektorer',
  "take a person out of the team: their login keeps no famcoord role (the login itself is the server administrator's)":
    "tag en person ud af teamet: deres login beholder ingen rolle i famcoord (selve login'et er serveradministratorens)",
  'their login, e.g. hanne':
    'deres login, f.eks. hanne',
  // member
  'members of a family':
    'personer i en familie',
  'add a member to a family':
    'tilføj en person til en familie',
  'date of birth':
    'fødselsdato',
  'e.g. "Emil Jensen:child" (required unless --from-json gives the member)':
    'f.eks. "Emil Jensen:child" (skal angives, medmindre --from-json giver personen)',
  // assessment
  'the family assessment (familiefaglig undersøgelse): sections per member (VUM, ICS, job plan, rehabilitation form), the case-and-episode analysis, the TAM whose conclusion starts the plan':
    "den familiefaglige undersøgelse: afsnit pr. person (VUM, ICS, jobplan, rehabiliteringsskema), sags- og episodeanalysen, TAM'en, hvis konklusion starter planen",
  'where the family is in its assessment: each section with its status and summary, the analysis, the conclusion, what is missing':
    'hvor familien er i sin undersøgelse: hvert afsnit med status og resumé, analysen, konklusionen, hvad der mangler',
  "start the family's assessment":
    'start familiens undersøgelse',
  'the day it started (default: today)':
    'dagen, den startede (standard: i dag)',
  "record one member's section: its status and a short summary":
    'registrér en persons afsnit: dets status og et kort resumé',
  'whose section (required)':
    'hvis afsnit (skal angives)',
  'vum (adults), ics (children), jobplan or rehab-form (required)':
    'vum (voksne), ics (børn), jobplan eller rehab-form (skal angives)',
  'not-started, in-progress or done (a new section: in-progress)':
    'not-started, in-progress eller done (et nyt afsnit: in-progress)',
  'what the section found, in a few sentences ("" takes it away)':
    'hvad afsnittet fandt, i nogle få sætninger ("" fjerner det)',
  'the day of the change (default: today)':
    'dagen for ændringen (standard: i dag)',
  'record the case-and-episode analysis (sags- og episodeanalyse) that sets the direction':
    'registrér sags- og episodeanalysen, der sætter retningen',
  'the analysis in a few sentences (required)':
    'analysen i nogle få sætninger (skal angives)',
  'the day of the analysis (default: today)':
    'dagen for analysen (standard: i dag)',
  "record the TAM's conclusion, which starts the family's plan; --goal adds the plan's first goals with it":
    "registrér TAM'ens konklusion, som starter familiens plan; --goal tilføjer planens første mål med den",
  'the tværfagligt analysemøde (TAM) that concluded (required)':
    'det tværfaglige analysemøde (TAM), der konkluderede (skal angives)',
  'what the TAM concluded (required)':
    "hvad TAM'en konkluderede (skal angives)",
  'a goal of the plan made from the conclusion: "TITLE|MEMBER_ID|SECTOR|YYYY-MM-DD" (repeatable)':
    'et mål i planen, lavet ud fra konklusionen: "TITLE|MEMBER_ID|SECTOR|YYYY-MM-DD" (kan gentages)',
  'the day of the conclusion (default: today)':
    'dagen for konklusionen (standard: i dag)',
  // observe
  "record an indicator for a person on a date: employment, quality of life, well-being, functional level, severity, absence days, leisure activity, friendships, leisure job or the family's rating of its case handling":
    'registrér en indikator for en person på en dato: beskæftigelse, livskvalitet, trivsel, funktionsniveau, sværhedsgrad, fraværsdage, fritidsaktivitet, venskaber, fritidsjob eller familiens vurdering af sagsbehandlingen',
  'employment, qualityOfLife, wellbeing, functionalLevel, severity, absenceDays, leisureActivity, friendships, leisureJob or caseHandling (required)':
    'employment, qualityOfLife, wellbeing, functionalLevel, severity, absenceDays, leisureActivity, friendships, leisureJob eller caseHandling (skal angives)',
  "employment: cash-benefit, resource-course, internship, education, job or other; qualityOfLife, wellbeing: 0–10; functionalLevel: 1–5 (higher is better); severity: none, some or severe; absenceDays: days absent in the period ending on the date; leisureActivity (a steady one), leisureJob: yes or no (ja/nej); friendships: the child's own rating, 0–10; caseHandling: the family's rating of how their case is handled, 1–5 (required)":
    'employment: cash-benefit, resource-course, internship, education, job eller other; qualityOfLife, wellbeing: 0–10; functionalLevel: 1–5 (højere er bedre); severity: none, some eller severe; absenceDays: fraværsdage i perioden, der slutter på datoen; leisureActivity (en fast), leisureJob: yes eller no (ja/nej); friendships: barnets egen vurdering, 0–10; caseHandling: familiens vurdering af, hvordan deres sag behandles, 1–5 (skal angives)',
  'the person, e.g. p7 (famcoord family FAMILY_ID shows the ids)':
    "personen, f.eks. p7 (famcoord family FAMILY_ID viser id'erne)",
  // event
  'record an event in a case: for a child a child-protection investigation, a notification of concern, a placement, the case closed because the child is doing well, returned home (hjemgivelse) or stepped down from placement to preventive support; a complaint (klagesag) on the person who made it':
    'registrér en hændelse i en sag: for et barn en børnefaglig undersøgelse, en underretning, en anbringelse, sagen lukket, fordi barnet trives, hjemgivelse eller trappet ned fra anbringelse til forebyggende støtte; en klagesag på den, der klagede',
  'investigation, notification, placement, closed-doing-well, returned-home, stepped-down or complaint (required)':
    'investigation, notification, placement, closed-doing-well, returned-home, stepped-down eller complaint (skal angives)',
  'when it happened (default: today)':
    'hvornår det skete (standard: i dag)',
  'the child (for a complaint: whoever made it), e.g. p7':
    'barnet (ved en klage: den, der klagede), f.eks. p7',
  // report
  "the caseload's outcomes on the evaluations' indicators, between a baseline and a follow-up date":
    'sagsstammens resultater på evalueringernes indikatorer, mellem en baseline- og en opfølgningsdato',
  'the baseline date (default: 12 months before --to)':
    'baselinedatoen (standard: 12 måneder før --to)',
  'the follow-up date (default: today)':
    'opfølgningsdatoen (standard: i dag)',
  'only this family (repeatable; default: the whole caseload)':
    'kun denne familie (kan gentages; standard: hele sagsstammen)',
  'print the figures as CSV: figure,n,of,share,value':
    'skriv tallene som CSV: figure,n,of,share,value',
  'tables for the terminal, or one HTML page that prints on A4, with charts, for the people who fund the work (default: text, or html for an --out file ending in .html)':
    'tabeller til terminalen, eller én HTML-side, der kan printes på A4, med diagrammer, til dem, der finansierer arbejdet (standard: text, eller html for en --out-fil, der ender på .html)',
  // calendar
  'write to this file (mode 0600) instead of printing':
    'skriv til denne fil (tilstand 0600) i stedet for at vise',
  // report
  'The HTML page is in Danish unless --lang en.':
    'HTML-siden er på dansk, medmindre --lang en.',
  // plan
  'familiens plan as a document for the family and its network: the goals by member with the plan each comes from, who is responsible, progress and the agreements serving it; who does what by when; next meetings':
    'familiens plan som et dokument til familien og dens netværk: målene pr. person med den plan, hvert mål kommer fra, hvem der er ansvarlig, fremskridt og de aftaler, der tjener målet; hvem gør hvad hvornår; næste møder',
  // minutes
  'Markdown, or an HTML page that prints on A4 (default: md, or html for an --out file ending in .html)':
    'Markdown, eller en HTML-side, der kan printes på A4 (standard: md, eller html for en --out-fil, der ender på .html)',
  // plan
  'In Danish unless --lang en.':
    'På dansk, medmindre --lang en.',
  // minutes
  "a meeting's minutes as a document: when, where, who took part, what was said, who does what by when":
    'et mødes referat som et dokument: hvornår, hvor, hvem der deltog, hvad der blev sagt, hvem gør hvad hvornår',
  'the meeting, e.g. m4 (famcoord family FAMILY_ID lists them)':
    'mødet, f.eks. m4 (famcoord family FAMILY_ID viser dem)',
  'In Danish unless --lang en. To record minutes, use famcoord meeting minutes.':
    'På dansk, medmindre --lang en. Referatet skrives med famcoord meeting minutes.',
  // calendar
  'the meetings from today on as an iCalendar (.ics) file to import into Outlook or Google Calendar':
    'møderne fra i dag og frem som en iCalendar-fil (.ics) til import i Outlook eller Google Kalender',
  "only this family's meetings":
    'kun denne families møder',
  'meetings on or after this day (default: today, or --date)':
    'møder på eller efter denne dag (standard: i dag, eller --date)',
  "put the family's and the attendees' names in the events (left out by default)":
    'skriv familiens og deltagernes navne i begivenhederne (udeladt som standard)',
  [`Calendars are synced to phones and shared: by default an event says only the meeting type, the
family's id, the place and the time, e.g. "Netværksmøde (f3)". --names adds the family's name and
the attendees; use it only for a calendar no one else sees. Importing the file again updates the
events (their UIDs stay the same) instead of adding copies.`]:
    `Kalendere synkroniseres til telefoner og deles: som standard siger en begivenhed kun mødets type,
familiens id, stedet og tiden, f.eks. "Netværksmøde (f3)". --names tilføjer familiens navn og
deltagerne; brug det kun til en kalender, ingen andre ser. Importeres filen igen, opdateres
begivenhederne (deres UID'er er de samme) i stedet for at blive tilføjet som kopier.`,
  // batch
  'apply a file of operations (JSON Lines) all or nothing, as one step':
    'anvend en fil med operationer (JSON Lines) helt eller slet ikke, som ét trin',
  'check the batch and show what would change; write nothing':
    'kontrollér filen og vis, hvad der ville ændres; skriv intet',
  'the batch file, or - for standard input':
    'filen med operationer, eller - for standard input',
  'Each line is one operation, as in the audit log, e.g.':
    'Hver linje er én operation, som i loggen, f.eks.',
  [`Blank lines and lines starting with # are skipped. The file is UTF-8 (a byte order mark
at the start is skipped), at most 256 MB.`]:
    `Tomme linjer og linjer, der begynder med #, springes over. Filen er UTF-8 (et byte
order mark i starten springes over), højst 256 MB.`,
  // log
  'the audit log: when, who, which operations, which families':
    'loggen: hvornår, hvem, hvilke operationer, hvilke familier',
  'only steps that changed this family':
    'kun trin, der ændrede denne familie',
  'only steps on or after this day (local time, as shown)':
    'kun trin på eller efter denne dag (lokal tid, som vist)',
  // access-log
  "what was changed about one person (their goals, interventions, membership), when and by whom; on a team's store also who read their family":
    'hvad der er ændret om en person (deres mål, indsatser, tilhørsforhold), hvornår og af hvem; i et teams register også hvem der har læst deres familie',
  'a whole family instead of one person':
    'en hel familie i stedet for en person',
  "only who read the family (famcoord family, plan, export, the workbench): logged on a team's PostgreSQL store, seen by its auditor":
    'kun hvem der har læst familien (famcoord family, plan, export, arbejdsbordet): logget i et teams PostgreSQL-register, set af dets revisor',
  'the person, e.g. p7 (famcoord family FAMILY_ID lists members)':
    'personen, f.eks. p7 (famcoord family FAMILY_ID viser personerne)',
  // export
  "a family's data as JSON (access request), every family (--all), or goals, contacts or meetings as a spreadsheet (--csv)":
    'en families data som JSON (anmodning om indsigt), alle familier (--all), eller mål, henvendelser eller møder som regneark (--csv)',
  'the family to export (with --csv: only this family)':
    'familien, der skal eksporteres (med --csv: kun denne familie)',
  'every family, to move them to another store (famcoord import)':
    'alle familier, for at flytte dem til et andet register (famcoord import)',
  'a spreadsheet file (UTF-8 with BOM, CRLF) of one row per goal, contact or meeting':
    'en regnearksfil (UTF-8 med BOM, CRLF) med én række pr. mål, henvendelse eller møde',
  'the CSV separator (default ;, as Danish Excel expects; , for English Excel)':
    'CSV-skilletegnet (standard ;, som dansk Excel forventer; , til engelsk Excel)',
  'write to this file, readable only by you (default: standard output)':
    'skriv til denne fil, som kun du kan læse (standard: standard output)',
  // import
  'merge a famcoord export into the store as one step (new families added, identical skipped, conflicts reported)':
    'flet en eksport fra famcoord ind i registret som ét trin (nye familier tilføjet, ens sprunget over, konflikter vist)',
  'settle conflicts: theirs replaces our family with the imported one, ours keeps ours':
    'afgør konflikter: theirs erstatter vores familie med den importerede, ours beholder vores',
  'show what would happen; write nothing':
    'vis, hvad der ville ske; skriv intet',
  'a file written by famcoord export':
    'en fil skrevet af famcoord export',
  // erase
  'when a case ends: delete a family and its data in the audit log and backups (cannot be undone)':
    'når en sag slutter: slet en familie og dens data i loggen og sikkerhedskopierne (kan ikke fortrydes)',
  'the family to erase':
    'familien, der skal slettes',
  'do not ask (needed without a terminal)':
    'spørg ikke (nødvendigt uden en terminal)',
  'keep a copy first, if the case may come back':
    'gem en kopi først, hvis sagen kan komme igen',
  // undo
  'revert your newest change (one step of the audit log; a whole batch is one step)':
    'fortryd din nyeste ændring (ét trin i loggen; en hel fil med operationer er ét trin)',
  'the step to revert instead, whoever made it (famcoord log shows the steps)':
    'trinnet, der skal fortrydes i stedet, uanset hvem der lavede det (famcoord log viser trinnene)',
  'say which step it would undo, and write nothing':
    'sig, hvilket trin det ville fortryde, og skriv intet',
  // redo
  'apply again the change your last undo reverted':
    'gentag den ændring, din seneste fortrydelse tog tilbage',
  'the step to apply again instead (one an undo reverted, whoever made it)':
    'trinnet, der skal gentages i stedet (et, en fortrydelse tog tilbage, uanset hvem der lavede det)',
  'say which step it would redo, and write nothing':
    'sig, hvilket trin det ville gentage, og skriv intet',
  // init
  'create an empty store (refuses to replace an existing one)':
    'opret et tomt register (erstatter ikke et eksisterende)',
  'encrypt the store and its audit log with a passphrase (asked twice, or FAMCOORD_PASSPHRASE)':
    'kryptér registret og dets log med en adgangsfrase (spørges to gange, eller FAMCOORD_PASSPHRASE)',
  // demo
  'write a demo store of generated families (deterministic for a seed and date)':
    'skriv et demoregister med genererede familier (det samme for samme seed og dato)',
  'how many families, 1 to 100000':
    'hvor mange familier, 1 til 100000',
  'the random seed: the same seed and date give the same store':
    'det tilfældige seed: samme seed og dato giver samme register',
  'replace a store that is not a demo, or a demo with logged changes (it is kept beside, as STORE.replaced-TIME)':
    'erstat et register, der ikke er en demo, eller en demo med loggede ændringer (det gemmes ved siden af, som STORE.replaced-TIME)',
  'encrypt the demo store with a passphrase, as famcoord init --encrypt does':
    'kryptér demoregistret med en adgangsfrase, som famcoord init --encrypt gør',
  // doctor
  'check the store, its backups, lock and log (its hash chain), and finish what an interrupted command left; --restore puts the newest good backup back':
    'kontrollér registret, dets sikkerhedskopier, lås og log (dens hashkæde), og gør færdigt, hvad en afbrudt kommando efterlod; --restore lægger den nyeste gode sikkerhedskopi tilbage',
  'if the store cannot be read, restore the newest good backup (the damaged file is kept aside)':
    'hvis registret ikke kan læses, læg den nyeste gode sikkerhedskopi tilbage (den beskadigede fil gemmes til side)',
  "on a team's PostgreSQL store, delete the logged reads older than --keep-months (the store's owner does this)":
    'i et teams PostgreSQL-register, slet de loggede læsninger, der er ældre end --keep-months (registrets ejer gør dette)',
  'with --prune: how many months of reads to keep (default 6)':
    'med --prune: hvor mange måneders læsninger der gemmes (standard 6)',
  // migrate
  'copy the store and its audit log into a new store: a postgresql:// URL makes a PostgreSQL store, a .sqlite/.db path a SQLite database, any other a JSON file':
    'kopiér registret og dets log til et nyt register: en postgresql://-URL giver et PostgreSQL-register, en .sqlite/.db-sti en SQLite-database, alt andet en JSON-fil',
  'the new store; it must not exist yet':
    'det nye register; det må ikke findes i forvejen',
  // migrate-schema
  'apply the schema migrations a PostgreSQL store lacks (once, for the whole team, after installing a newer famcoord)':
    'anvend de skemamigreringer, et PostgreSQL-register mangler (én gang, for hele teamet, efter installation af en nyere famcoord)',
  // config
  'show where the store is, and set or clear your default store':
    'vis, hvor registret er, og sæt eller fjern dit standardregister',
  'make PATH your default store (used when neither --store nor FAMCOORD_STORE is given); a postgresql:// URL names a PostgreSQL store':
    'gør PATH til dit standardregister (bruges, når hverken --store eller FAMCOORD_STORE er givet); en postgresql://-URL angiver et PostgreSQL-register',
  'the store file, or a postgresql:// URL (keep its password in ~/.pgpass, not in the URL)':
    "registerfilen, eller en postgresql://-URL (hold dens adgangskode i ~/.pgpass, ikke i URL'en)",
  'forget the default store (back to the user data folder)':
    'glem standardregistret (tilbage til brugerens datamappe)',
  'replace the table of intervention kinds that serve the same purpose (flagged same-purpose when one member gets two at once from two sectors)':
    'erstat tabellen over indsatstyper, der tjener samme formål (markeret same-purpose, når en person får to på én gang fra to sektorer)',
  'a JSON object: each purpose with its list of kinds, e.g. {"hverdagsstøtte": ["mentorstøtte", "bostøtte"]} (- for standard input)':
    'et JSON-objekt: hvert formål med sin liste af indsatstyper, f.eks. {"hverdagsstøtte": ["mentorstøtte", "bostøtte"]} (- for standard input)',
  "go back to famcoord's own table of intervention kinds that serve the same purpose":
    'gå tilbage til famcoords egen tabel over indsatstyper, der tjener samme formål',
};

/**
 * Text after a command's help (addHelpText) in Danish: each paragraph that starts at the margin as
 * a whole, and of an indented line (an example, kept as typed) only a comment in words after it
 * ("   # keep a copy first"); a comment that is data (`# {"title": …}`) stays too.
 */
function afterTextIn(text: string, danish: (english: string) => string): string {
  const lines: string[] = [];
  let paragraph: string[] = [];
  const endParagraph = () => {
    if (paragraph.length > 0) lines.push(danish(paragraph.join('\n')));
    paragraph = [];
  };
  for (const line of text.split('\n')) {
    if (line !== '' && !/^\s/.test(line)) {
      paragraph.push(line);
      continue;
    }
    endParagraph();
    lines.push(line.replace(/(\s{2,}# )([A-Za-z].*)$/, (_, hash: string, words: string) => hash + danish(words)));
  }
  endParagraph();
  return lines.join('\n');
}

/** A command's events, which commander's typings leave out (a Command is an EventEmitter). */
const events = (command: Command) => command as unknown as EventEmitter;

/** What a command's addHelpText('after', …) listeners write after its help, as commander writes it. */
function textAfterHelp(command: Command): string {
  let text = '';
  events(command).emit('afterHelp', { error: false, command, write: (piece: string) => (text += piece) });
  return text;
}

/**
 * commander's help with every text in Danish, its layout (widths, wrapping) its own. `looked` hears
 * each English text help looks up and its Danish (undefined: none, and the English is shown).
 */
export function danishHelp(looked?: (english: string, danish: string | undefined) => void): HelpConfiguration {
  const danish = (english: string): string => {
    if (english === '') return english;
    const words = DANISH_HELP[english];
    looked?.(english, words);
    return words ?? english;
  };
  const usage = (line: string) => line.split(' ').map((word) => (USAGE_PLACEHOLDERS.has(word) ? danish(word) : word)).join(' ');
  // commander appends what it knows of the value to the description: `what happened (default: "")`.
  const described = (full: string, description: string) =>
    danish(description) + full.slice(description.length).replace(VALUE_LABELS, (_, before: string, label: string) => before + danish(`${label}:`));
  return {
    styleTitle: (title) => danish(title),
    commandUsage(command) {
      return usage(Help.prototype.commandUsage.call(this, command));
    },
    subcommandTerm(command) {
      return usage(Help.prototype.subcommandTerm.call(this, command));
    },
    commandDescription: (command) => danish(command.description()),
    subcommandDescription: (command) => danish(command.summary() || command.description()),
    optionDescription(option) {
      return described(Help.prototype.optionDescription.call(this, option), option.description ?? '');
    },
    argumentDescription(argument) {
      return described(Help.prototype.argumentDescription.call(this, argument), argument.description);
    },
    formatHelp(command, helper) {
      // commander writes the text after the help from the listeners addHelpText made, once the
      // help is out: they are replaced by one that writes the same text in Danish.
      const after = textAfterHelp(command);
      if (after !== '') {
        events(command).removeAllListeners('afterHelp');
        command.addHelpText('after', afterTextIn(after.replace(/\n$/, ''), danish));
      }
      return Help.prototype.formatHelp.call(this, command, helper);
    },
  };
}
