// Migration 3: a team on one PostgreSQL store, with the rules kept by the database itself, so a
// login used from psql sees and changes no more than famcoord lets it.
//
// - Each person is a PostgreSQL login (famcoord never stores a password), in one of four group
//   roles: famcoord_coordinator, famcoord_caseworker, famcoord_lead, famcoord_auditor. Group roles
//   belong to the server, not to a database; what a login may do in THIS store is its row in
//   `team` (its name as families name people, its role). The grants say what a role may ever do;
//   the row-level policies, which look at `team`, say on which rows. The store's owner (the
//   admin) owns the tables and so is not bound by the policies.
// - `family_access`: who may read a family: its coordinator, the receiver of its pending transfer,
//   the holders of its decision authority. Triggers derive it from each family row, as the
//   store's owner, so no login can write it. A new person is added when the family row is written;
//   a person it no longer names is removed at the commit (a deferred trigger), so a step that hands
//   a family on (a transfer accepted or declined) can still write the rest of the family's rows.
// - The audit log is appended only through famcoord_audit_tail/append (SECURITY DEFINER, owned by
//   the store's owner, search_path pinned): a coordinator cannot read other families' entries,
//   yet every step gets the next number and the hash of the entry before it, and the function
//   checks both, and that the step names the login that made it and families it may change.
// - `access_log`: who read which family (family, plan, export, the workbench). A reader may add
//   their own rows (login and time are filled in by the database) and never read or change them;
//   the auditor reads them; the owner deletes old ones (doctor --prune).
export const TEAM_ROLES = ['coordinator', 'caseworker', 'lead', 'auditor'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

const groups = TEAM_ROLES.map((role) => `famcoord_${role}`);
const all = groups.join(', ');
/** The roles that read and change families (the auditor reads only logs). */
const readers = 'famcoord_coordinator, famcoord_caseworker, famcoord_lead';

/** The families the current login may read, as one subquery the planner runs once per statement. */
const MY_FAMILIES = 'SELECT a.family_id FROM family_access AS a WHERE a.person = (SELECT famcoord_me())';

/**
 * Whether the current login may read the family in `column`: a lead reads the team's, others
 * those that name them. Written out in each policy rather than called as a function: a function
 * would run once per row (a coordinator's today looks at thousands of marks), this once per
 * statement (a hashed set of her families).
 */
const sees = (column: string) => `((SELECT famcoord_role()) = 'lead' OR ${column} IN (${MY_FAMILIES}))`;

/** Functions that run as the store's owner find only its own tables and functions, and are not everyone's to call. */
const PIN_DEFINERS = `
DO $$ DECLARE f regprocedure; BEGIN
  FOR f IN SELECT p.oid::regprocedure FROM pg_proc AS p WHERE p.proname LIKE 'famcoord\\_%' AND p.pronamespace = current_schema()::regnamespace AND p.prosecdef LOOP
    EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f, current_schema());
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
  END LOOP;
END $$;`;

export const TEAM_MIGRATION = `
-- The server's group roles, made by the first store on it; two stores made at once may race.
DO $$ BEGIN
${groups.map((g) => `  BEGIN CREATE ROLE ${g} NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;`).join('\n')}
END $$;

CREATE TABLE team (
  login text PRIMARY KEY,
  name text NOT NULL,
  -- The name as families' coordinator column holds it (coordinatorKey in src/domain/scope.ts).
  name_key text NOT NULL UNIQUE,
  role text NOT NULL CHECK (role IN (${TEAM_ROLES.map((r) => `'${r}'`).join(', ')})),
  sectors text[] NOT NULL DEFAULT '{}',
  added timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE family_access (
  family_id text NOT NULL,
  person text NOT NULL,
  why text NOT NULL CHECK (why IN ('coordinator', 'transfer', 'authority')),
  PRIMARY KEY (family_id, person, why)
);
CREATE INDEX family_access_by_person ON family_access (person, family_id);

CREATE TABLE access_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  login text NOT NULL DEFAULT current_user,
  person text,
  family_id text NOT NULL,
  what text NOT NULL CHECK (what IN ('family', 'plan', 'export', 'workbench'))
);
CREATE INDEX access_log_by_family ON access_log (family_id, at);
CREATE INDEX access_log_by_time ON access_log (at);

-- Who wrote each step and which families it touched, for the policies (the entry holds them too).
ALTER TABLE audit ADD COLUMN family_ids text[] NOT NULL DEFAULT '{}', ADD COLUMN login text, ADD COLUMN at timestamptz;
UPDATE audit SET family_ids = ARRAY(SELECT json_array_elements_text(entry::json->'familyIds')), at = (entry::json->>'time')::timestamptz;

-- A person's name as a key: trimmed, inner spaces as one, lower case (as coordinatorKey does).
CREATE FUNCTION famcoord_person_key(name text) RETURNS text LANGUAGE sql IMMUTABLE
  AS $f$ SELECT lower(regexp_replace(regexp_replace(name, '^\\s+|\\s+$', '', 'g'), '\\s+', ' ', 'g') COLLATE "und-x-icu") $f$;

-- Who the current login is in this store, and their role (NULL: not in the team).
CREATE FUNCTION famcoord_me() RETURNS text LANGUAGE sql STABLE AS $f$ SELECT name_key FROM team WHERE login = current_user $f$;
CREATE FUNCTION famcoord_my_name() RETURNS text LANGUAGE sql STABLE AS $f$ SELECT name FROM team WHERE login = current_user $f$;
CREATE FUNCTION famcoord_role() RETURNS text LANGUAGE sql STABLE AS $f$ SELECT role FROM team WHERE login = current_user $f$;

-- The same for a named login, for the functions below (which run as the store's owner).
CREATE FUNCTION famcoord_sees_as(who text, family text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER AS $f$
  SELECT EXISTS (SELECT 1 FROM team AS t WHERE t.login = who AND (t.role = 'lead'
    OR EXISTS (SELECT 1 FROM family_access AS a WHERE a.family_id = family AND a.person = t.name_key)))
$f$;

-- Whether the session's login is the store's owner (the admin), or a member of the owner's role.
CREATE FUNCTION famcoord_is_owner() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER AS $f$
  SELECT pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'families'::regclass), 'USAGE')
$f$;

-- Who a family row lets read it. The JSON is looked into only when it names a transfer or an
-- authority, so writing 100,000 families costs a text search each, not a parse.
CREATE FUNCTION famcoord_access_of(family text, coordinator text, data json) RETURNS TABLE (family_id text, person text, why text) LANGUAGE sql IMMUTABLE AS $f$
  SELECT family, coordinator, 'coordinator' WHERE coordinator IS NOT NULL
  UNION ALL
  SELECT family, famcoord_person_key(data->'transfer'->>'to'), 'transfer'
   WHERE strpos(data::text, '"transfer"') > 0 AND data->'transfer'->>'to' IS NOT NULL
  UNION ALL
  SELECT family, famcoord_person_key(h.holder), 'authority'
    FROM json_to_recordset(CASE WHEN strpos(data::text, '"authority"') > 0 AND json_typeof(data->'authority') = 'array' THEN data->'authority' ELSE '[]'::json END) AS h(holder text)
   WHERE h.holder IS NOT NULL
$f$;

CREATE FUNCTION famcoord_access_added() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $f$
BEGIN
  INSERT INTO family_access (family_id, person, why)
    SELECT a.family_id, a.person, a.why FROM new_rows AS n CROSS JOIN LATERAL famcoord_access_of(n.id, n.coordinator, n.data) AS a
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $f$;
CREATE TRIGGER families_access_inserted AFTER INSERT ON families REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION famcoord_access_added();
CREATE TRIGGER families_access_updated AFTER UPDATE ON families REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION famcoord_access_added();

CREATE FUNCTION famcoord_access_settled() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $f$
BEGIN
  DELETE FROM family_access WHERE family_id = OLD.id;
  INSERT INTO family_access (family_id, person, why)
    SELECT a.family_id, a.person, a.why FROM families AS f CROSS JOIN LATERAL famcoord_access_of(f.id, f.coordinator, f.data) AS a WHERE f.id = OLD.id
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $f$;
CREATE CONSTRAINT TRIGGER families_access_settled AFTER UPDATE OR DELETE ON families DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION famcoord_access_settled();

INSERT INTO family_access (family_id, person, why)
  SELECT a.family_id, a.person, a.why FROM families AS f CROSS JOIN LATERAL famcoord_access_of(f.id, f.coordinator, f.data) AS a ON CONFLICT DO NOTHING;

-- The newest step and the link to it, with the log's head locked until the commit.
CREATE FUNCTION famcoord_audit_tail(OUT tail_step integer, OUT tail_link text) LANGUAGE plpgsql SECURITY DEFINER AS $f$
BEGIN
  SELECT h.step INTO tail_step FROM audit_head AS h WHERE h.id = 1 FOR UPDATE;
  SELECT encode(sha256(convert_to(a.entry, 'UTF8')), 'hex') INTO tail_link FROM audit AS a WHERE a.step = tail_step;
  tail_link := coalesce(tail_link, 'start');
END $f$;

-- Appends a step's entry: it must follow the newest step and link to it; one by a team member
-- must name them and touch only families they may change.
CREATE FUNCTION famcoord_audit_append(text_of_entry text) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER AS $f$
DECLARE
  entry json := text_of_entry::json;
  tail record;
  ids text[] := ARRAY(SELECT json_array_elements_text(entry->'familyIds'));
BEGIN
  SELECT * INTO tail FROM famcoord_audit_tail();
  IF (entry->>'step')::integer IS DISTINCT FROM tail.tail_step + 1 OR entry->>'prev' IS DISTINCT FROM tail.tail_link THEN
    RAISE EXCEPTION 'famcoord: an audit entry must follow step % and link to it', tail.tail_step USING ERRCODE = '23514';
  END IF;
  IF NOT famcoord_is_owner() AND (entry->>'user' IS DISTINCT FROM session_user OR EXISTS (SELECT 1 FROM unnest(ids) AS f(id) WHERE NOT famcoord_sees_as(session_user, f.id))) THEN
    RAISE EXCEPTION 'famcoord: a step is logged by its own login, on families it may change' USING ERRCODE = '42501';
  END IF;
  INSERT INTO audit (step, entry, family_ids, login, at) VALUES (tail.tail_step + 1, text_of_entry, ids, session_user, (entry->>'time')::timestamptz);
  UPDATE audit_head SET step = tail.tail_step + 1 WHERE id = 1;
  PERFORM pg_notify('famcoord_changes', (tail.tail_step + 1)::text);
  RETURN tail.tail_step + 1;
END $f$;

-- Of these ids, those in families the session's login may not read: the family and its
-- coordinator, so a refusal can say whose caseload it is in.
CREATE FUNCTION famcoord_whose(ids text[]) RETURNS TABLE (id text, family_id text, coordinator text) LANGUAGE sql STABLE SECURITY DEFINER AS $f$
  SELECT e.id, e.family_id, f.data->>'coordinator' FROM entities AS e JOIN families AS f ON f.id = e.family_id
   WHERE e.id = ANY(ids) AND EXISTS (SELECT 1 FROM team AS t WHERE t.login = session_user) AND NOT famcoord_sees_as(session_user, e.family_id)
$f$;

-- The team is managed by its lead or the store's owner: a login is made when there is none
-- (without a password: the server's administrator gives it one, or peer or certificate sign-in).
CREATE FUNCTION famcoord_may_manage_team() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER AS $f$
  SELECT famcoord_is_owner() OR EXISTS (SELECT 1 FROM team WHERE login = session_user AND role = 'lead')
$f$;

CREATE FUNCTION famcoord_team_add(new_login text, person text, person_key text, new_role text, new_sectors text[]) RETURNS void LANGUAGE plpgsql SECURITY DEFINER AS $f$
DECLARE other text;
BEGIN
  IF NOT famcoord_may_manage_team() THEN RAISE EXCEPTION 'famcoord: only the team''s lead or the store''s owner manages the team' USING ERRCODE = '42501'; END IF;
  IF EXISTS (SELECT 1 FROM team WHERE login = new_login) THEN RAISE EXCEPTION 'famcoord: the login is in the team already' USING ERRCODE = '23505'; END IF;
  IF EXISTS (SELECT 1 FROM team WHERE name_key = person_key) THEN RAISE EXCEPTION 'famcoord: the name is another login''s already' USING ERRCODE = '23505'; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = new_login) THEN
    EXECUTE format('CREATE ROLE %I LOGIN', new_login);
  ELSE
    -- Group roles are the server's: a login with another famcoord role (in this or another store) keeps one.
    SELECT g.rolname INTO other FROM pg_auth_members AS m JOIN pg_roles AS g ON g.oid = m.roleid JOIN pg_roles AS u ON u.oid = m.member
     WHERE u.rolname = new_login AND g.rolname IN (${TEAM_ROLES.map((r) => `'famcoord_${r}'`).join(', ')}) AND g.rolname <> 'famcoord_' || new_role LIMIT 1;
    IF other IS NOT NULL THEN RAISE EXCEPTION 'famcoord: the login has the role % on this server already', other USING ERRCODE = '23505'; END IF;
  END IF;
  INSERT INTO team (login, name, name_key, role, sectors) VALUES (new_login, person, person_key, new_role, new_sectors);
  EXECUTE format('GRANT %I TO %I', 'famcoord_' || new_role, new_login);
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), new_login);
END $f$;

CREATE FUNCTION famcoord_team_remove(old_login text) RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER AS $f$
DECLARE old_role text;
BEGIN
  IF NOT famcoord_may_manage_team() THEN RAISE EXCEPTION 'famcoord: only the team''s lead or the store''s owner manages the team' USING ERRCODE = '42501'; END IF;
  DELETE FROM team WHERE login = old_login RETURNING role INTO old_role;
  IF old_role IS NULL THEN RETURN false; END IF;
  EXECUTE format('REVOKE %I FROM %I', 'famcoord_' || old_role, old_login);
  RETURN true;
END $f$;

${PIN_DEFINERS}
GRANT EXECUTE ON FUNCTION famcoord_audit_tail(), famcoord_audit_append(text) TO ${readers};
GRANT EXECUTE ON FUNCTION famcoord_whose(text[]), famcoord_team_add(text, text, text, text, text[]), famcoord_team_remove(text), famcoord_may_manage_team() TO ${all};

-- What each role may ever do; the policies below say on which rows.
GRANT SELECT ON store_head, schema_migrations, team TO ${all};
GRANT SELECT, UPDATE ON families TO ${readers};
GRANT INSERT, DELETE ON families TO famcoord_coordinator, famcoord_lead;
GRANT USAGE ON SEQUENCE families_seq TO famcoord_coordinator, famcoord_lead;
GRANT SELECT, INSERT, DELETE ON entities, today_marks TO ${readers};
GRANT SELECT (id, family_id) ON entities TO famcoord_auditor;
GRANT SELECT, INSERT, UPDATE ON id_highest TO ${readers};
GRANT SELECT ON family_access TO ${all};
GRANT SELECT ON audit TO ${readers};
GRANT SELECT (step, family_ids, login, at) ON audit TO famcoord_auditor;
GRANT INSERT (family_id, what) ON access_log TO ${all};
GRANT SELECT ON access_log TO famcoord_auditor;
ALTER TABLE access_log ALTER COLUMN person SET DEFAULT famcoord_my_name();

ALTER TABLE store_head ENABLE ROW LEVEL SECURITY;
ALTER TABLE families ENABLE ROW LEVEL SECURITY;
ALTER TABLE entities ENABLE ROW LEVEL SECURITY;
ALTER TABLE id_highest ENABLE ROW LEVEL SECURITY;
ALTER TABLE today_marks ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_head ENABLE ROW LEVEL SECURITY;
ALTER TABLE schema_migrations ENABLE ROW LEVEL SECURITY;
ALTER TABLE team ENABLE ROW LEVEL SECURITY;
ALTER TABLE family_access ENABLE ROW LEVEL SECURITY;
ALTER TABLE access_log ENABLE ROW LEVEL SECURITY;

CREATE POLICY everyone_reads ON store_head FOR SELECT USING (true);
CREATE POLICY everyone_reads ON schema_migrations FOR SELECT USING (true);
CREATE POLICY everyone_reads ON team FOR SELECT USING (true);
-- audit_head: no policy, no grant; only famcoord_audit_tail/append touch it.

CREATE POLICY reads ON families FOR SELECT USING (${sees('id')});
CREATE POLICY adds ON families FOR INSERT WITH CHECK ((SELECT famcoord_role()) = 'lead' OR coordinator = (SELECT famcoord_me()));
-- A family one may read, one may change: its coordinator, a caseworker deciding there, a lead;
-- the receiver of a transfer accepts or declines it. The family's JSON is famcoord's to check.
CREATE POLICY changes ON families FOR UPDATE USING (${sees('id')}) WITH CHECK (true);
CREATE POLICY removes ON families FOR DELETE USING (${sees('id')} AND ((SELECT famcoord_role()) = 'lead' OR coordinator = (SELECT famcoord_me())));

CREATE POLICY of_families_read ON entities FOR ALL USING (${sees('family_id')} OR (SELECT famcoord_role()) = 'auditor') WITH CHECK (${sees('family_id')});
CREATE POLICY of_families_read ON today_marks FOR ALL USING (${sees('family_id')}) WITH CHECK (${sees('family_id')});
-- The highest id per prefix says nothing about anyone; every member allocates ids.
CREATE POLICY members ON id_highest FOR ALL USING ((SELECT famcoord_role()) IS NOT NULL) WITH CHECK ((SELECT famcoord_role()) IS NOT NULL);
CREATE POLICY own ON family_access FOR SELECT USING (person = (SELECT famcoord_me()) OR (SELECT famcoord_role()) = 'lead');

-- A step's entry holds its families as they were: readable by those who may read all of them.
CREATE POLICY of_families_read ON audit FOR SELECT USING (
  (SELECT famcoord_role()) IN ('lead', 'auditor')
  OR (cardinality(family_ids) > 0 AND family_ids <@ ARRAY(${MY_FAMILIES})));

CREATE POLICY own_reads ON access_log FOR INSERT WITH CHECK (login = current_user);
CREATE POLICY auditor_reads ON access_log FOR SELECT USING ((SELECT famcoord_role()) = 'auditor');
`;

/** Whether a family row version names people besides its coordinator (what famcoord_access_of looks into). */
const namesOthers = (row: 'OLD' | 'NEW') => `strpos(${row}.data::text, '"transfer"') > 0 OR strpos(${row}.data::text, '"authority"') > 0`;

/**
 * Migration 5: a change to a family derives its readers only when they can have changed. Most
 * steps (progress on a goal, a meeting, a note) keep the coordinator and name no one else; the
 * triggers of migration 3 ran for every one all the same, and in a command's new session that
 * is ~3 ms of the server's (its functions planned, the ICU collation of a person's key opened)
 * in each update. Row triggers with a WHEN, which the server tests without calling anything:
 * new readers when the coordinator changed or the row names a transfer or an authority; stale
 * ones looked for at the commit when the coordinator changed or the row named one before. A
 * removed family's are always cleared; new families keep the statement trigger (a store's
 * creation writes them 500 at a time).
 */
export const ACCESS_WHEN_CHANGED_MIGRATION = `
CREATE FUNCTION famcoord_access_row_added() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $f$
BEGIN
  INSERT INTO family_access (family_id, person, why)
    SELECT a.family_id, a.person, a.why FROM famcoord_access_of(NEW.id, NEW.coordinator, NEW.data) AS a
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $f$;
DO $$ BEGIN EXECUTE format('ALTER FUNCTION famcoord_access_row_added() SET search_path = %I, pg_temp', current_schema()); END $$;
REVOKE ALL ON FUNCTION famcoord_access_row_added() FROM PUBLIC;

DROP TRIGGER families_access_updated ON families;
CREATE TRIGGER families_access_updated AFTER UPDATE ON families FOR EACH ROW
  WHEN (NEW.coordinator IS DISTINCT FROM OLD.coordinator OR ${namesOthers('NEW')})
  EXECUTE FUNCTION famcoord_access_row_added();

DROP TRIGGER families_access_settled ON families;
CREATE CONSTRAINT TRIGGER families_access_settled AFTER UPDATE ON families DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (NEW.coordinator IS DISTINCT FROM OLD.coordinator OR ${namesOthers('OLD')})
  EXECUTE FUNCTION famcoord_access_settled();
CREATE CONSTRAINT TRIGGER families_access_removed AFTER DELETE ON families DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  EXECUTE FUNCTION famcoord_access_settled();
`;

/**
 * Migration 6: the log's head keeps the link to its newest entry (the SHA-256 of its text) beside
 * the step, written by the append that adds the entry, in the same transaction. The next append
 * takes both from the one row it locks anyway, instead of reading the entry before it back and
 * hashing it; and a hand-made change to the newest entry no longer goes unnoticed (the next entry
 * links to the text as famcoord appended it, so doctor sees the break). The append now numbers
 * and links the entry itself: it is given the entry's other fields (`{"time":…}`) and puts
 * `"step"` and `"prev"` in front, reading the fields it checks in one parse; an entry that names
 * its step and link is still taken when they are the next and the link to the newest. The owner's
 * rewrites of the log (erase, a store created with its history) set the link again with
 * `famcoord_audit_relink`.
 *
 * What an update costs the server in a command's new session was mostly first times: the append
 * is SQL, not PL/pgSQL, so a step that is not refused never loads PL/pgSQL's library (~2.4 M
 * instructions of dynamic linking in each session); the refusals raise through
 * `famcoord_refuse`, which is called only then. It runs as the tables' owner, so "the session is
 * the owner" is a question about roles alone (famcoord_is_owner reads the catalog). Entries and
 * families are compressed with lz4 where the server has it (pglz took ~2 M instructions a step).
 */
export const AUDIT_LINK_MIGRATION = `
ALTER TABLE audit_head ADD COLUMN link text NOT NULL DEFAULT 'start';

-- The head's link from the entry it names (the owner's, after writing the log other than by an append).
CREATE FUNCTION famcoord_audit_relink() RETURNS void LANGUAGE sql AS $f$
  UPDATE audit_head SET link = coalesce((SELECT encode(sha256(convert_to(a.entry, 'UTF8')), 'hex') FROM audit AS a WHERE a.step = audit_head.step), 'start') WHERE id = 1
$f$;
REVOKE ALL ON FUNCTION famcoord_audit_relink() FROM PUBLIC;
SELECT famcoord_audit_relink();

CREATE OR REPLACE FUNCTION famcoord_audit_tail(OUT tail_step integer, OUT tail_link text) LANGUAGE sql SECURITY DEFINER AS $f$
  SELECT h.step, h.link FROM audit_head AS h WHERE h.id = 1 FOR UPDATE
$f$;

-- Raises famcoord's refusal (PL/pgSQL, loaded only then). famcoord_refuse is the one to call: SQL,
-- and SECURITY DEFINER so that the planner does not inline it, which would load PL/pgSQL to
-- prepare every statement that may refuse.
CREATE FUNCTION famcoord_raise(code text, message text) RETURNS text LANGUAGE plpgsql AS $f$
BEGIN
  RAISE EXCEPTION USING ERRCODE = code, MESSAGE = 'famcoord: ' || message;
END $f$;
REVOKE ALL ON FUNCTION famcoord_raise(text, text) FROM PUBLIC;
CREATE FUNCTION famcoord_refuse(code text, message text) RETURNS text LANGUAGE sql SECURITY DEFINER AS $f$ SELECT famcoord_raise(code, message) $f$;

DROP FUNCTION famcoord_audit_append(text);
CREATE FUNCTION famcoord_audit_append(text_of_entry text) RETURNS integer LANGUAGE sql SECURITY DEFINER AS $f$
  WITH head AS (SELECT h.step, h.link FROM audit_head AS h WHERE h.id = 1 FOR UPDATE),
  -- named: how often the text names a step or a link. JSON keeps a repeated key's last value (here
  -- and in famcoord's reader), so an entry numbered here must name neither, or its own "step":null
  -- after the prefix would undo the number it is given.
  fields AS (SELECT f.*, (SELECT count(*) FROM json_object_keys(text_of_entry::json) AS k WHERE k IN ('step', 'prev')) AS named
    FROM json_to_record(text_of_entry::json) AS f(step integer, prev text, "time" timestamptz, "user" text, "familyIds" text[])),
  checked AS (
    SELECT head.step + 1 AS step, fields."time", coalesce(fields."familyIds", '{}') AS family_ids,
      CASE
        WHEN fields.named = 0 AND left(text_of_entry, 2) = '{"' THEN format('{"step":%s,"prev":%s,', head.step + 1, to_json(head.link)) || substr(text_of_entry, 2)
        WHEN fields.step IS NOT DISTINCT FROM head.step + 1 AND fields.prev IS NOT DISTINCT FROM head.link THEN text_of_entry
        ELSE famcoord_refuse('23514', format('an audit entry must follow step %s and link to it', head.step))
      END AS entry,
      -- The owner (a member of the role this runs as), or a team member naming themselves, on families they may change.
      CASE
        WHEN pg_has_role(session_user, current_user, 'USAGE')
          OR (fields."user" IS NOT DISTINCT FROM session_user AND NOT EXISTS (SELECT 1 FROM unnest(fields."familyIds") AS f(id) WHERE NOT famcoord_sees_as(session_user, f.id))) THEN true
        ELSE famcoord_refuse('42501', 'a step is logged by its own login, on families it may change') IS NULL
      END AS allowed
    FROM head, fields),
  added AS (INSERT INTO audit (step, entry, family_ids, login, at) SELECT c.step, c.entry, c.family_ids, session_user, c."time" FROM checked AS c WHERE c.allowed RETURNING step, entry)
  UPDATE audit_head SET step = added.step, link = encode(sha256(convert_to(added.entry, 'UTF8')), 'hex') FROM added WHERE audit_head.id = 1;
  SELECT h.step FROM audit_head AS h, pg_notify('famcoord_changes', h.step::text) WHERE h.id = 1;
$f$;
-- The append and its refusals run as the tables' owner, whoever migrates.
DO $$ DECLARE f text; BEGIN
  FOREACH f IN ARRAY ARRAY['famcoord_audit_append(text)', 'famcoord_refuse(text, text)', 'famcoord_raise(text, text)'] LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO %I', f, (SELECT r.rolname FROM pg_class AS c JOIN pg_roles AS r ON r.oid = c.relowner WHERE c.oid = 'families'::regclass));
  END LOOP;
END $$;
${PIN_DEFINERS}
GRANT EXECUTE ON FUNCTION famcoord_audit_append(text) TO ${readers};

DO $$ BEGIN
  ALTER TABLE audit ALTER COLUMN entry SET COMPRESSION lz4;
  ALTER TABLE families ALTER COLUMN data SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported OR syntax_error THEN NULL;
END $$;
`;
