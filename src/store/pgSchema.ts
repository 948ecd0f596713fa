// The PostgreSQL store's tables, as numbered migrations recorded in schema_migrations. `famcoord
// init` applies them all to an empty database; a famcoord whose newest migration is newer than the
// database's applies the rest only through `famcoord migrate-schema`, never on an ordinary command,
// so a team's database changes when someone decides it does.
import { ACCESS_WHEN_CHANGED_MIGRATION, AUDIT_LINK_MIGRATION, TEAM_MIGRATION } from './pgTeamSchema.js';

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'families, their ids and today marks, the audit log and its head',
    sql: `
CREATE TABLE store_head (id integer PRIMARY KEY CHECK (id = 1), data text NOT NULL);
-- data is the family's JSON text as famcoord wrote it (json keeps it byte for byte; jsonb would
-- reorder keys, and the audit log's hashes and a migration back to a file need the same bytes).
CREATE SEQUENCE families_seq;
CREATE TABLE families (
  id text PRIMARY KEY,
  seq bigint NOT NULL UNIQUE,
  coordinator text,
  version integer NOT NULL DEFAULT 1,
  today_digest json NOT NULL,
  data json NOT NULL
);
CREATE TABLE entities (id text PRIMARY KEY, family_id text NOT NULL);
CREATE INDEX entities_by_family ON entities (family_id);
CREATE TABLE id_highest (prefix text PRIMARY KEY, n integer NOT NULL);
CREATE TABLE today_marks (family_id text NOT NULL, kind text NOT NULL, at text NOT NULL, data text);
CREATE TABLE audit (step integer PRIMARY KEY, entry text NOT NULL);
-- The one row every step takes last, just before it commits: it numbers steps 1, 2, 3... with
-- no gaps and links each to the one before (auditChain.ts).
CREATE TABLE audit_head (id integer PRIMARY KEY CHECK (id = 1), step integer NOT NULL);
INSERT INTO audit_head (id, step) VALUES (1, 0);
`,
  },
  {
    version: 2,
    description: "indexes for a caseload's families and today's marks",
    sql: `
CREATE INDEX families_by_coordinator ON families (coordinator, seq);
CREATE INDEX today_marks_by_family ON today_marks (family_id, kind, at);
`,
  },
  {
    version: 3,
    description: 'a team: logins and roles, row-level security on every table, the access log',
    sql: TEAM_MIGRATION,
  },
  {
    version: 4,
    description: 'the people a family involves besides its coordinator (transfers, decision authority), for their today',
    sql: `
CREATE INDEX today_marks_people ON today_marks (at) WHERE kind = 'person';
`,
  },
  {
    version: 5,
    description: "a family's readers derived again only when its coordinator changed or it names others (transfers, decision authority)",
    sql: ACCESS_WHEN_CHANGED_MIGRATION,
  },
  // 6 is also the first schema whose today marks may be the leaner form (familyRows.ts: an
  // agreement's mark holds its meeting's id and start only), which a famcoord of schema 5 would
  // refuse as "not as famcoord writes it": it refuses the store as newer instead.
  {
    version: 6,
    description: "the audit log's head keeps the link to its newest entry, so an append reads no entry back",
    sql: AUDIT_LINK_MIGRATION,
  },
];

export const LATEST_SCHEMA = MIGRATIONS.at(-1)?.version ?? 0;

/** The tables a store's data lives in (what `create` empties and `keep` copies). */
export const DATA_TABLES = ['store_head', 'families', 'entities', 'id_highest', 'today_marks', 'audit', 'audit_head', 'family_access', 'access_log'] as const;
