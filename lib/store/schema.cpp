// The DDL of every schema version. Never edit a shipped version: add a new one and a migration.

#include "store/schema_detail.hpp"

namespace annals::detail::schema {

// ---- version 1 -------------------------------------------------------------------------------
// Reports and everything read from them. Child rows are keyed (report_id, seq) where seq is the
// row's position in the report's list, so a report's rows sit together and come back in order.
// CHECKs use OR chains, not IN lists: SQLite builds a temporary table for an IN list on every
// execution of an INSERT, which made the fact insert three times slower.
const char* const v1_ddl = R"sql(
PRAGMA application_id = 1634627180;

CREATE TABLE jurisdictions (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE reports (
  id              INTEGER PRIMARY KEY,
  sha256          TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  source_name     TEXT NOT NULL,
  encoding        TEXT NOT NULL,
  format          TEXT NOT NULL,
  title           TEXT NOT NULL,
  issuer          TEXT,
  jurisdiction_id INTEGER REFERENCES jurisdictions(id),
  year            INTEGER CHECK (year BETWEEN 1949 AND 2200),
  published       TEXT,
  recipient       TEXT,
  text            TEXT NOT NULL,
  ingested_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX reports_by_jurisdiction ON reports (jurisdiction_id, year);

CREATE TABLE sections (
  report_id  INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  ordinal    INTEGER NOT NULL,
  marker     TEXT NOT NULL,
  heading    TEXT NOT NULL,
  span_start INTEGER NOT NULL,
  span_end   INTEGER NOT NULL,
  PRIMARY KEY (report_id, seq)
) WITHOUT ROWID;

CREATE TABLE items (
  report_id   INTEGER NOT NULL,
  section_seq INTEGER NOT NULL,
  seq         INTEGER NOT NULL,
  ordinal     INTEGER NOT NULL,
  marker      TEXT NOT NULL,
  title       TEXT NOT NULL,
  span_start  INTEGER NOT NULL,
  span_end    INTEGER NOT NULL,
  PRIMARY KEY (report_id, section_seq, seq),
  FOREIGN KEY (report_id, section_seq) REFERENCES sections(report_id, seq) ON DELETE CASCADE
) WITHOUT ROWID;

-- The big table, keyed for fast appends: id = report_id * 1048576 + seq (seq = position in the
-- report, < 2^20), so a report's facts are one contiguous rowid range and inserts append.
CREATE TABLE facts (
  id             INTEGER PRIMARY KEY,
  report_id      INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  ident          TEXT NOT NULL,
  section        INTEGER,
  item           INTEGER,
  label          TEXT NOT NULL,
  text           TEXT NOT NULL,
  value          TEXT NOT NULL,
  unit           TEXT NOT NULL,
  qualifier      TEXT NOT NULL CHECK (qualifier = 'exact' OR qualifier = 'more_than' OR
                   qualifier = 'at_least' OR qualifier = 'nearly' OR qualifier = 'about' OR
                   qualifier = 'at_most' OR qualifier = 'less_than'),
  qualifier_text TEXT NOT NULL,
  last_digit     INTEGER NOT NULL,
  approximate    INTEGER NOT NULL CHECK (approximate BETWEEN 0 AND 1),
  lo             TEXT,
  hi             TEXT,
  lo_closed      INTEGER NOT NULL CHECK (lo_closed BETWEEN 0 AND 1),
  hi_closed      INTEGER NOT NULL CHECK (hi_closed BETWEEN 0 AND 1),
  kind           TEXT NOT NULL CHECK (kind = 'count' OR kind = 'percent' OR kind = 'multiple' OR
                   kind = 'amount' OR kind = 'duration'),
  cumulative     INTEGER NOT NULL CHECK (cumulative BETWEEN 0 AND 1),
  average        INTEGER NOT NULL CHECK (average BETWEEN 0 AND 1),
  span_start     INTEGER NOT NULL,
  span_end       INTEGER NOT NULL,
  CHECK (id >> 20 = report_id)
);

CREATE TABLE changes (
  report_id  INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  ident      TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind = 'growth_pct' OR kind = 'pp' OR kind = 'from_to' OR
               kind = 'multiple' OR kind = 'doubling' OR kind = 'streak' OR kind = 'threshold'),
  basis      TEXT CHECK (basis = 'yoy' OR basis = 'mom'),
  label      TEXT NOT NULL,
  text       TEXT NOT NULL,
  value      TEXT,
  from_value TEXT,
  to_value   TEXT,
  unit       TEXT NOT NULL,
  qualifier  TEXT NOT NULL,
  direction  TEXT NOT NULL CHECK (direction = 'up' OR direction = 'down' OR direction = 'none'),
  fact       TEXT,
  section    INTEGER,
  item       INTEGER,
  span_start INTEGER NOT NULL,
  span_end   INTEGER NOT NULL,
  PRIMARY KEY (report_id, seq)
) WITHOUT ROWID;

CREATE TABLE dates (
  report_id  INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  text       TEXT NOT NULL,
  value      TEXT NOT NULL,
  role       TEXT NOT NULL,
  span_start INTEGER NOT NULL,
  span_end   INTEGER NOT NULL,
  PRIMARY KEY (report_id, seq)
) WITHOUT ROWID;

CREATE TABLE commitments (
  report_id   INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  ident       TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind = 'plan' OR kind = 'next_step' OR kind = 'problem' OR
                kind = 'target'),
  ordinal     INTEGER,
  title       TEXT NOT NULL,
  text        TEXT NOT NULL,
  group_count INTEGER,
  task_count  INTEGER,
  fact        TEXT,
  deadline    TEXT,
  section     INTEGER,
  item        INTEGER,
  span_start  INTEGER NOT NULL,
  span_end    INTEGER NOT NULL,
  PRIMARY KEY (report_id, seq)
) WITHOUT ROWID;

CREATE TABLE warnings (
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  code      TEXT NOT NULL,
  message   TEXT NOT NULL,
  position  INTEGER NOT NULL,
  PRIMARY KEY (report_id, seq)
) WITHOUT ROWID;

CREATE TABLE verdicts (
  id             INTEGER PRIMARY KEY,
  earlier_report INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  later_report   INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  subject        TEXT NOT NULL CHECK (subject IN ('commitment','metric','streak','from_to')),
  ref            TEXT NOT NULL,
  label          TEXT NOT NULL,
  status         TEXT NOT NULL,
  score          REAL,
  evidence       TEXT NOT NULL DEFAULT '[]',
  recorded_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (earlier_report, later_report, subject, ref)
);

PRAGMA user_version = 1;
)sql";

// ---- version 2 -------------------------------------------------------------------------------
// The metric catalogue (facts.alias_id → metric_aliases → metrics), and the rubric of a
// verdict: version 1 allowed one verdict per subject, so a newer rubric could only overwrite
// it; version 2 keys verdicts by rubric too, and existing ones are marked annals-track/1.
const char* const v2_ddl_before_backfill = R"sql(
CREATE TABLE metrics (
  id   INTEGER PRIMARY KEY,
  key  TEXT NOT NULL UNIQUE,
  unit TEXT NOT NULL
);

CREATE TABLE metric_aliases (
  id        INTEGER PRIMARY KEY,
  alias     TEXT NOT NULL UNIQUE,
  metric_id INTEGER NOT NULL REFERENCES metrics(id),
  origin    TEXT NOT NULL DEFAULT 'seeded' CHECK (origin IN ('seeded','user'))
);
CREATE INDEX metric_aliases_by_metric ON metric_aliases (metric_id);

ALTER TABLE facts ADD COLUMN alias_id INTEGER REFERENCES metric_aliases(id);
)sql";

const char* const v2_ddl_after_backfill = R"sql(
CREATE TABLE verdicts_v2 (
  id             INTEGER PRIMARY KEY,
  earlier_report INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  later_report   INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  subject        TEXT NOT NULL CHECK (subject IN ('commitment','metric','streak','from_to')),
  ref            TEXT NOT NULL,
  label          TEXT NOT NULL,
  status         TEXT NOT NULL,
  score          REAL,
  evidence       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(evidence)),
  rubric         TEXT NOT NULL CHECK (rubric <> ''),
  recorded_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (earlier_report, later_report, subject, ref, rubric)
);
INSERT INTO verdicts_v2 (id, earlier_report, later_report, subject, ref, label, status, score,
                         evidence, rubric, recorded_at)
  SELECT id, earlier_report, later_report, subject, ref, label, status, score,
         CASE WHEN json_valid(evidence) THEN evidence ELSE json_quote(evidence) END,
         'annals-track/1', recorded_at
  FROM verdicts;
DROP TABLE verdicts;
ALTER TABLE verdicts_v2 RENAME TO verdicts;
CREATE INDEX verdicts_by_later ON verdicts (later_report);

PRAGMA user_version = 2;
)sql";

// ---- version 3 -------------------------------------------------------------------------------
// facts and changes with their foreign keys DEFERRABLE INITIALLY DEFERRED: checked at COMMIT
// instead of row by row. Nothing else changes (same columns, same CHECKs, same keys). With
// immediate foreign keys, SQLite makes every multi-row INSERT into these tables keep a
// statement journal (a copy of each page it changes, to undo half a statement); deferred ones
// cannot abort a statement, and ingest's INSERT OR ROLLBACK turns any other constraint failure
// into a rollback of the whole report. A violation still fails the COMMIT, and the report is
// rolled back: the guarantee is the same, checked once per transaction.
// SQLite cannot alter a constraint, so both tables are rebuilt (its documented procedure).
const char* const v3_ddl = R"sql(
CREATE TABLE facts_v3 (
  id             INTEGER PRIMARY KEY,
  report_id      INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ident          TEXT NOT NULL,
  section        INTEGER,
  item           INTEGER,
  label          TEXT NOT NULL,
  text           TEXT NOT NULL,
  value          TEXT NOT NULL,
  unit           TEXT NOT NULL,
  qualifier      TEXT NOT NULL CHECK (qualifier = 'exact' OR qualifier = 'more_than' OR
                   qualifier = 'at_least' OR qualifier = 'nearly' OR qualifier = 'about' OR
                   qualifier = 'at_most' OR qualifier = 'less_than'),
  qualifier_text TEXT NOT NULL,
  last_digit     INTEGER NOT NULL,
  approximate    INTEGER NOT NULL CHECK (approximate BETWEEN 0 AND 1),
  lo             TEXT,
  hi             TEXT,
  lo_closed      INTEGER NOT NULL CHECK (lo_closed BETWEEN 0 AND 1),
  hi_closed      INTEGER NOT NULL CHECK (hi_closed BETWEEN 0 AND 1),
  kind           TEXT NOT NULL CHECK (kind = 'count' OR kind = 'percent' OR kind = 'multiple' OR
                   kind = 'amount' OR kind = 'duration'),
  cumulative     INTEGER NOT NULL CHECK (cumulative BETWEEN 0 AND 1),
  average        INTEGER NOT NULL CHECK (average BETWEEN 0 AND 1),
  span_start     INTEGER NOT NULL,
  span_end       INTEGER NOT NULL,
  alias_id       INTEGER REFERENCES metric_aliases(id) DEFERRABLE INITIALLY DEFERRED,
  CHECK (id >> 20 = report_id)
);
INSERT INTO facts_v3 (id, report_id, ident, section, item, label, text, value, unit, qualifier, qualifier_text,
                      last_digit, approximate, lo, hi, lo_closed, hi_closed, kind, cumulative, average,
                      span_start, span_end, alias_id)
  SELECT id, report_id, ident, section, item, label, text, value, unit, qualifier, qualifier_text,
         last_digit, approximate, lo, hi, lo_closed, hi_closed, kind, cumulative, average,
         span_start, span_end, alias_id
  FROM facts ORDER BY id;
DROP TABLE facts;
ALTER TABLE facts_v3 RENAME TO facts;

CREATE TABLE changes_v3 (
  report_id  INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  seq        INTEGER NOT NULL,
  ident      TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind = 'growth_pct' OR kind = 'pp' OR kind = 'from_to' OR
               kind = 'multiple' OR kind = 'doubling' OR kind = 'streak' OR kind = 'threshold'),
  basis      TEXT CHECK (basis = 'yoy' OR basis = 'mom'),
  label      TEXT NOT NULL,
  text       TEXT NOT NULL,
  value      TEXT,
  from_value TEXT,
  to_value   TEXT,
  unit       TEXT NOT NULL,
  qualifier  TEXT NOT NULL,
  direction  TEXT NOT NULL CHECK (direction = 'up' OR direction = 'down' OR direction = 'none'),
  fact       TEXT,
  section    INTEGER,
  item       INTEGER,
  span_start INTEGER NOT NULL,
  span_end   INTEGER NOT NULL,
  PRIMARY KEY (report_id, seq)
) WITHOUT ROWID;
INSERT INTO changes_v3 (report_id, seq, ident, kind, basis, label, text, value, from_value, to_value, unit,
                        qualifier, direction, fact, section, item, span_start, span_end)
  SELECT report_id, seq, ident, kind, basis, label, text, value, from_value, to_value, unit,
         qualifier, direction, fact, section, item, span_start, span_end
  FROM changes ORDER BY report_id, seq;
DROP TABLE changes;
ALTER TABLE changes_v3 RENAME TO changes;

PRAGMA user_version = 3;
)sql";

// ---- version 4 -------------------------------------------------------------------------------
// A target commitment carries its goal (力争…控制在5%以下 → 5%以下): annals before version 4 made
// a target's figure a fact and pointed to it from commitments.fact; a target is not an achieved
// figure, so the reader now keeps it out of the facts and the goal is stored with its
// commitment, read like a fact (label, as written, value, unit, qualifier, precision, kind,
// span). Existing rows keep goal NULL: loading a target whose `fact` names a fact takes the goal
// from that fact (store::load_report), so old stores track as before.
const char* const v4_ddl = R"sql(
ALTER TABLE commitments ADD COLUMN goal_label TEXT;
ALTER TABLE commitments ADD COLUMN goal_text TEXT;
ALTER TABLE commitments ADD COLUMN goal_value TEXT;
ALTER TABLE commitments ADD COLUMN goal_unit TEXT;
ALTER TABLE commitments ADD COLUMN goal_qualifier TEXT CHECK (goal_qualifier = 'exact' OR
  goal_qualifier = 'more_than' OR goal_qualifier = 'at_least' OR goal_qualifier = 'nearly' OR
  goal_qualifier = 'about' OR goal_qualifier = 'at_most' OR goal_qualifier = 'less_than');
ALTER TABLE commitments ADD COLUMN goal_qualifier_text TEXT;
ALTER TABLE commitments ADD COLUMN goal_last_digit INTEGER;
ALTER TABLE commitments ADD COLUMN goal_approximate INTEGER CHECK (goal_approximate BETWEEN 0 AND 1);
ALTER TABLE commitments ADD COLUMN goal_kind TEXT CHECK (goal_kind = 'count' OR goal_kind = 'percent' OR
  goal_kind = 'multiple' OR goal_kind = 'amount' OR goal_kind = 'duration');
ALTER TABLE commitments ADD COLUMN goal_start INTEGER;
ALTER TABLE commitments ADD COLUMN goal_end INTEGER;

PRAGMA user_version = 4;
)sql";

// ---- version 5 -------------------------------------------------------------------------------
// Revisions: a second report of the same jurisdiction and year (another file of the same report,
// a re-issued one) is kept beside the first as a revision, and one report per jurisdiction and
// year is `current` — the one ingested last (the highest id: ids grow with every ingest, while
// ingested_at has one-second resolution). Queries, the tracker's pairs and the analyzers read
// the current one. Existing stores: every report is current except those with a later report of
// the same jurisdiction and year. A partial unique index keeps one current report per key;
// reports without a jurisdiction or a year are always current (no key).
const char* const v5_ddl = R"sql(
ALTER TABLE reports ADD COLUMN current INTEGER NOT NULL DEFAULT 1 CHECK (current BETWEEN 0 AND 1);
UPDATE reports SET current = 0
  WHERE jurisdiction_id IS NOT NULL AND year IS NOT NULL
    AND EXISTS (SELECT 1 FROM reports AS later
                WHERE later.jurisdiction_id = reports.jurisdiction_id AND later.year = reports.year
                  AND later.id > reports.id);
CREATE UNIQUE INDEX reports_current ON reports (jurisdiction_id, year) WHERE current = 1;

PRAGMA user_version = 5;
)sql";

// ---- version 6 -------------------------------------------------------------------------------
// Numbers for SQL and pandas. facts.value, lo and hi stay the exact decimal TEXT (the source of
// truth: "89.60" keeps its scale, 11100 stays exact); value_num, lo_num and hi_num are the same
// figures as REAL beside them, so that `ORDER BY value_num` sorts numerically (TEXT sorts 9 after
// 6120). The names end in _num because lo and hi are already the TEXT columns. Existing rows are
// filled with CAST(… AS REAL): every stored text is a plain decimal (digits, at most one '.', an
// optional '-', never 万 or a thousands separator: ingest writes decimal::to_string), which
// SQLite's CAST reads to within one unit in the last place of a double. Ingest binds the REAL
// itself (the nearest double, std::from_chars).
// Two views read the current reports (reports.current = 1): `series` — a metric's value by
// jurisdiction and year, the first fact of the catalogue metric in the year's report, as
// store::series() and the panel export choose it — and `yoy`, each series row beside the year
// before with the growth computed in REAL arithmetic (approximate: `annals yoy --db` is the exact
// one) and the growth or percentage-point change the report states for the figure.
// Twin: lib/store/postgres/schema.cpp defines the same two views in PostgreSQL's dialect (facts
// keyed by report_id, numeric arithmetic, LATERAL); change both, and
// store_backends_test.SeriesAndYoyViewsAnswerAsOnSQLite holds them to the same answers.
const char* const v6_ddl = R"sql(
ALTER TABLE facts ADD COLUMN value_num REAL;
ALTER TABLE facts ADD COLUMN lo_num REAL;
ALTER TABLE facts ADD COLUMN hi_num REAL;
UPDATE facts SET value_num = CAST(value AS REAL),
                 lo_num = CASE WHEN lo IS NULL THEN NULL ELSE CAST(lo AS REAL) END,
                 hi_num = CASE WHEN hi IS NULL THEN NULL ELSE CAST(hi AS REAL) END;

CREATE VIEW series AS
SELECT jurisdiction, metric, year, value, value_num, unit, qualifier, text, report_id, fact
FROM (SELECT j.name AS jurisdiction, m.key AS metric, r.year AS year, f.value AS value,
             f.value_num AS value_num, f.unit AS unit, f.qualifier AS qualifier, f.text AS text,
             r.id AS report_id, f.ident AS fact,
             row_number() OVER (PARTITION BY r.id, m.id ORDER BY f.id) AS nth
      FROM reports r
      JOIN jurisdictions j ON j.id = r.jurisdiction_id
      JOIN facts f ON f.id BETWEEN r.id * 1048576 AND r.id * 1048576 + 1048575
      JOIN metric_aliases a ON a.id = f.alias_id
      JOIN metrics m ON m.id = a.metric_id
      WHERE r.current = 1 AND r.year IS NOT NULL)
WHERE nth = 1;

CREATE VIEW yoy AS
SELECT s.jurisdiction AS jurisdiction, s.metric AS metric, s.year AS year, s.value AS value,
       s.value_num AS value_num, s.unit AS unit, p.year AS prior_year, p.value AS prior_value,
       CASE WHEN s.unit <> '%' AND p.value_num > 0
            THEN round((s.value_num - p.value_num) * 100.0 / p.value_num, 2) END AS growth_pct,
       CASE WHEN s.unit = '%' AND p.year IS NOT NULL
            THEN round(s.value_num - p.value_num, 2) END AS change_pp,
       c.kind AS stated_kind,
       CASE WHEN c.value IS NULL THEN NULL
            WHEN c.direction = 'down' AND c.value NOT LIKE '-%' THEN '-' || c.value
            ELSE c.value END AS stated_value,
       c.text AS stated_text,
       s.text AS text, s.report_id AS report_id, s.fact AS fact
FROM series s
LEFT JOIN series p ON p.jurisdiction = s.jurisdiction AND p.metric = s.metric AND p.year = s.year - 1
LEFT JOIN changes c ON c.report_id = s.report_id
  AND c.seq = (SELECT min(c2.seq) FROM changes c2
               WHERE c2.report_id = s.report_id AND c2.fact = s.fact AND c2.value IS NOT NULL
                 AND (c2.basis IS NULL OR c2.basis <> 'mom')
                 AND (c2.kind = 'growth_pct' OR c2.kind = 'pp'));

PRAGMA user_version = 6;
)sql";


// ---- a new database, at the current version --------------------------------------------------
// The schema every migration above arrives at, statement for statement as SQLite keeps it in
// sqlite_schema after them (hence the odd line breaks where ALTER TABLE added columns). A new
// store runs this instead of the six migrations: their ALTER TABLEs and table rebuilds each make
// SQLite parse the whole schema again, and creating a store took ~16 ms of every `annals ingest`
// into a new one (bench/README.md). store_sqlite_test.a_new_store_has_the_schema_the_migrations_
// build holds the two equal: a new migration must change this too.
const char* const current_ddl = R"sql(
PRAGMA application_id = 1634627180;
CREATE TABLE jurisdictions (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE reports (
  id              INTEGER PRIMARY KEY,
  sha256          TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  source_name     TEXT NOT NULL,
  encoding        TEXT NOT NULL,
  format          TEXT NOT NULL,
  title           TEXT NOT NULL,
  issuer          TEXT,
  jurisdiction_id INTEGER REFERENCES jurisdictions(id),
  year            INTEGER CHECK (year BETWEEN 1949 AND 2200),
  published       TEXT,
  recipient       TEXT,
  text            TEXT NOT NULL,
  ingested_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
, current INTEGER NOT NULL DEFAULT 1 CHECK (current BETWEEN 0 AND 1));
CREATE INDEX reports_by_jurisdiction ON reports (jurisdiction_id, year);
CREATE TABLE sections (
  report_id  INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  ordinal    INTEGER NOT NULL,
  marker     TEXT NOT NULL,
  heading    TEXT NOT NULL,
  span_start INTEGER NOT NULL,
  span_end   INTEGER NOT NULL,
  PRIMARY KEY (report_id, seq)
) WITHOUT ROWID;
CREATE TABLE items (
  report_id   INTEGER NOT NULL,
  section_seq INTEGER NOT NULL,
  seq         INTEGER NOT NULL,
  ordinal     INTEGER NOT NULL,
  marker      TEXT NOT NULL,
  title       TEXT NOT NULL,
  span_start  INTEGER NOT NULL,
  span_end    INTEGER NOT NULL,
  PRIMARY KEY (report_id, section_seq, seq),
  FOREIGN KEY (report_id, section_seq) REFERENCES sections(report_id, seq) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE TABLE dates (
  report_id  INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  seq        INTEGER NOT NULL,
  text       TEXT NOT NULL,
  value      TEXT NOT NULL,
  role       TEXT NOT NULL,
  span_start INTEGER NOT NULL,
  span_end   INTEGER NOT NULL,
  PRIMARY KEY (report_id, seq)
) WITHOUT ROWID;
CREATE TABLE commitments (
  report_id   INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  ident       TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind = 'plan' OR kind = 'next_step' OR kind = 'problem' OR
                kind = 'target'),
  ordinal     INTEGER,
  title       TEXT NOT NULL,
  text        TEXT NOT NULL,
  group_count INTEGER,
  task_count  INTEGER,
  fact        TEXT,
  deadline    TEXT,
  section     INTEGER,
  item        INTEGER,
  span_start  INTEGER NOT NULL,
  span_end    INTEGER NOT NULL, goal_label TEXT, goal_text TEXT, goal_value TEXT, goal_unit TEXT, goal_qualifier TEXT CHECK (goal_qualifier = 'exact' OR
  goal_qualifier = 'more_than' OR goal_qualifier = 'at_least' OR goal_qualifier = 'nearly' OR
  goal_qualifier = 'about' OR goal_qualifier = 'at_most' OR goal_qualifier = 'less_than'), goal_qualifier_text TEXT, goal_last_digit INTEGER, goal_approximate INTEGER CHECK (goal_approximate BETWEEN 0 AND 1), goal_kind TEXT CHECK (goal_kind = 'count' OR goal_kind = 'percent' OR
  goal_kind = 'multiple' OR goal_kind = 'amount' OR goal_kind = 'duration'), goal_start INTEGER, goal_end INTEGER,
  PRIMARY KEY (report_id, seq)
) WITHOUT ROWID;
CREATE TABLE warnings (
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  code      TEXT NOT NULL,
  message   TEXT NOT NULL,
  position  INTEGER NOT NULL,
  PRIMARY KEY (report_id, seq)
) WITHOUT ROWID;
CREATE TABLE metrics (
  id   INTEGER PRIMARY KEY,
  key  TEXT NOT NULL UNIQUE,
  unit TEXT NOT NULL
);
CREATE TABLE metric_aliases (
  id        INTEGER PRIMARY KEY,
  alias     TEXT NOT NULL UNIQUE,
  metric_id INTEGER NOT NULL REFERENCES metrics(id),
  origin    TEXT NOT NULL DEFAULT 'seeded' CHECK (origin IN ('seeded','user'))
);
CREATE INDEX metric_aliases_by_metric ON metric_aliases (metric_id);
CREATE TABLE "verdicts" (
  id             INTEGER PRIMARY KEY,
  earlier_report INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  later_report   INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  subject        TEXT NOT NULL CHECK (subject IN ('commitment','metric','streak','from_to')),
  ref            TEXT NOT NULL,
  label          TEXT NOT NULL,
  status         TEXT NOT NULL,
  score          REAL,
  evidence       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(evidence)),
  rubric         TEXT NOT NULL CHECK (rubric <> ''),
  recorded_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (earlier_report, later_report, subject, ref, rubric)
);
CREATE INDEX verdicts_by_later ON verdicts (later_report);
CREATE TABLE "facts" (
  id             INTEGER PRIMARY KEY,
  report_id      INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ident          TEXT NOT NULL,
  section        INTEGER,
  item           INTEGER,
  label          TEXT NOT NULL,
  text           TEXT NOT NULL,
  value          TEXT NOT NULL,
  unit           TEXT NOT NULL,
  qualifier      TEXT NOT NULL CHECK (qualifier = 'exact' OR qualifier = 'more_than' OR
                   qualifier = 'at_least' OR qualifier = 'nearly' OR qualifier = 'about' OR
                   qualifier = 'at_most' OR qualifier = 'less_than'),
  qualifier_text TEXT NOT NULL,
  last_digit     INTEGER NOT NULL,
  approximate    INTEGER NOT NULL CHECK (approximate BETWEEN 0 AND 1),
  lo             TEXT,
  hi             TEXT,
  lo_closed      INTEGER NOT NULL CHECK (lo_closed BETWEEN 0 AND 1),
  hi_closed      INTEGER NOT NULL CHECK (hi_closed BETWEEN 0 AND 1),
  kind           TEXT NOT NULL CHECK (kind = 'count' OR kind = 'percent' OR kind = 'multiple' OR
                   kind = 'amount' OR kind = 'duration'),
  cumulative     INTEGER NOT NULL CHECK (cumulative BETWEEN 0 AND 1),
  average        INTEGER NOT NULL CHECK (average BETWEEN 0 AND 1),
  span_start     INTEGER NOT NULL,
  span_end       INTEGER NOT NULL,
  alias_id       INTEGER REFERENCES metric_aliases(id) DEFERRABLE INITIALLY DEFERRED, value_num REAL, lo_num REAL, hi_num REAL,
  CHECK (id >> 20 = report_id)
);
CREATE TABLE "changes" (
  report_id  INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  seq        INTEGER NOT NULL,
  ident      TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind = 'growth_pct' OR kind = 'pp' OR kind = 'from_to' OR
               kind = 'multiple' OR kind = 'doubling' OR kind = 'streak' OR kind = 'threshold'),
  basis      TEXT CHECK (basis = 'yoy' OR basis = 'mom'),
  label      TEXT NOT NULL,
  text       TEXT NOT NULL,
  value      TEXT,
  from_value TEXT,
  to_value   TEXT,
  unit       TEXT NOT NULL,
  qualifier  TEXT NOT NULL,
  direction  TEXT NOT NULL CHECK (direction = 'up' OR direction = 'down' OR direction = 'none'),
  fact       TEXT,
  section    INTEGER,
  item       INTEGER,
  span_start INTEGER NOT NULL,
  span_end   INTEGER NOT NULL,
  PRIMARY KEY (report_id, seq)
) WITHOUT ROWID;
CREATE UNIQUE INDEX reports_current ON reports (jurisdiction_id, year) WHERE current = 1;
CREATE VIEW series AS
SELECT jurisdiction, metric, year, value, value_num, unit, qualifier, text, report_id, fact
FROM (SELECT j.name AS jurisdiction, m.key AS metric, r.year AS year, f.value AS value,
             f.value_num AS value_num, f.unit AS unit, f.qualifier AS qualifier, f.text AS text,
             r.id AS report_id, f.ident AS fact,
             row_number() OVER (PARTITION BY r.id, m.id ORDER BY f.id) AS nth
      FROM reports r
      JOIN jurisdictions j ON j.id = r.jurisdiction_id
      JOIN facts f ON f.id BETWEEN r.id * 1048576 AND r.id * 1048576 + 1048575
      JOIN metric_aliases a ON a.id = f.alias_id
      JOIN metrics m ON m.id = a.metric_id
      WHERE r.current = 1 AND r.year IS NOT NULL)
WHERE nth = 1;
CREATE VIEW yoy AS
SELECT s.jurisdiction AS jurisdiction, s.metric AS metric, s.year AS year, s.value AS value,
       s.value_num AS value_num, s.unit AS unit, p.year AS prior_year, p.value AS prior_value,
       CASE WHEN s.unit <> '%' AND p.value_num > 0
            THEN round((s.value_num - p.value_num) * 100.0 / p.value_num, 2) END AS growth_pct,
       CASE WHEN s.unit = '%' AND p.year IS NOT NULL
            THEN round(s.value_num - p.value_num, 2) END AS change_pp,
       c.kind AS stated_kind,
       CASE WHEN c.value IS NULL THEN NULL
            WHEN c.direction = 'down' AND c.value NOT LIKE '-%' THEN '-' || c.value
            ELSE c.value END AS stated_value,
       c.text AS stated_text,
       s.text AS text, s.report_id AS report_id, s.fact AS fact
FROM series s
LEFT JOIN series p ON p.jurisdiction = s.jurisdiction AND p.metric = s.metric AND p.year = s.year - 1
LEFT JOIN changes c ON c.report_id = s.report_id
  AND c.seq = (SELECT min(c2.seq) FROM changes c2
               WHERE c2.report_id = s.report_id AND c2.fact = s.fact AND c2.value IS NOT NULL
                 AND (c2.basis IS NULL OR c2.basis <> 'mom')
                 AND (c2.kind = 'growth_pct' OR c2.kind = 'pp'));
PRAGMA user_version = 6;
)sql";

}  // namespace annals::detail::schema
