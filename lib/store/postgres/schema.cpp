// The PostgreSQL schema (pg_schema_detail.hpp). Never edit a shipped version: add a step.

#include "store/postgres/pg_schema_detail.hpp"

namespace annals::detail::pg_schema {

// Version 5 in one step: the tables of SQLite's schema 5 (lib/store/schema.cpp), written for
// PostgreSQL. Exact values are numeric (it keeps the scale: 89.60 reads back as 89.60); text
// that is sorted or compared is COLLATE "C", byte order, as SQLite compares; a fact's key is
// (report_id, seq). annals_schema holds the version (SQLite's PRAGMA user_version).
const char* const v5_ddl = R"sql(
CREATE TABLE annals_schema (
  one         boolean PRIMARY KEY DEFAULT true CHECK (one),
  application text NOT NULL CHECK (application = 'annals'),
  version     integer NOT NULL
);

CREATE TABLE jurisdictions (
  id   bigserial PRIMARY KEY,
  name text COLLATE "C" NOT NULL UNIQUE
);

CREATE TABLE reports (
  id              bigserial PRIMARY KEY,
  sha256          text COLLATE "C" NOT NULL UNIQUE CHECK (length(sha256) = 64),
  source_name     text NOT NULL,
  encoding        text NOT NULL,
  format          text NOT NULL,
  title           text NOT NULL,
  issuer          text,
  jurisdiction_id bigint REFERENCES jurisdictions(id),
  year            integer CHECK (year BETWEEN 1949 AND 2200),
  published       text,
  recipient       text,
  text            text NOT NULL,
  ingested_at     timestamptz NOT NULL DEFAULT now(),
  current         boolean NOT NULL DEFAULT true
);
CREATE INDEX reports_by_jurisdiction ON reports (jurisdiction_id, year);
CREATE UNIQUE INDEX reports_current ON reports (jurisdiction_id, year) WHERE current;

CREATE TABLE sections (
  report_id  bigint NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  seq        integer NOT NULL,
  ordinal    integer NOT NULL,
  marker     text NOT NULL,
  heading    text NOT NULL,
  span_start bigint NOT NULL,
  span_end   bigint NOT NULL,
  PRIMARY KEY (report_id, seq)
);

CREATE TABLE items (
  report_id   bigint NOT NULL,
  section_seq integer NOT NULL,
  seq         integer NOT NULL,
  ordinal     integer NOT NULL,
  marker      text NOT NULL,
  title       text NOT NULL,
  span_start  bigint NOT NULL,
  span_end    bigint NOT NULL,
  PRIMARY KEY (report_id, section_seq, seq),
  FOREIGN KEY (report_id, section_seq) REFERENCES sections(report_id, seq) ON DELETE CASCADE
);

CREATE TABLE metrics (
  id   bigserial PRIMARY KEY,
  key  text COLLATE "C" NOT NULL UNIQUE,
  unit text NOT NULL
);

CREATE TABLE metric_aliases (
  id        bigserial PRIMARY KEY,
  alias     text COLLATE "C" NOT NULL UNIQUE,
  metric_id bigint NOT NULL REFERENCES metrics(id),
  origin    text NOT NULL DEFAULT 'seeded' CHECK (origin IN ('seeded', 'user'))
);
CREATE INDEX metric_aliases_by_metric ON metric_aliases (metric_id);

CREATE TABLE facts (
  report_id      bigint NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  seq            integer NOT NULL,
  ident          text COLLATE "C" NOT NULL,
  section        integer,
  item           integer,
  label          text NOT NULL,
  text           text NOT NULL,
  value          numeric NOT NULL,
  unit           text NOT NULL,
  qualifier      text NOT NULL CHECK (qualifier IN ('exact', 'more_than', 'at_least', 'nearly', 'about',
                   'at_most', 'less_than')),
  qualifier_text text NOT NULL,
  last_digit     integer NOT NULL,
  approximate    boolean NOT NULL,
  lo             numeric,
  hi             numeric,
  lo_closed      boolean NOT NULL,
  hi_closed      boolean NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('count', 'percent', 'multiple', 'amount', 'duration')),
  cumulative     boolean NOT NULL,
  average        boolean NOT NULL,
  span_start     bigint NOT NULL,
  span_end       bigint NOT NULL,
  alias_id       bigint REFERENCES metric_aliases(id),
  PRIMARY KEY (report_id, seq)
);
CREATE INDEX facts_by_alias ON facts (alias_id);

CREATE TABLE changes (
  report_id  bigint NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  seq        integer NOT NULL,
  ident      text NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('growth_pct', 'pp', 'from_to', 'multiple', 'doubling', 'streak',
               'threshold')),
  basis      text CHECK (basis IN ('yoy', 'mom')),
  label      text NOT NULL,
  text       text NOT NULL,
  value      numeric,
  from_value numeric,
  to_value   numeric,
  unit       text NOT NULL,
  qualifier  text NOT NULL,
  direction  text NOT NULL CHECK (direction IN ('up', 'down', 'none')),
  fact       text COLLATE "C",
  section    integer,
  item       integer,
  span_start bigint NOT NULL,
  span_end   bigint NOT NULL,
  PRIMARY KEY (report_id, seq)
);

CREATE TABLE dates (
  report_id  bigint NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  seq        integer NOT NULL,
  text       text NOT NULL,
  value      text NOT NULL,
  role       text NOT NULL,
  span_start bigint NOT NULL,
  span_end   bigint NOT NULL,
  PRIMARY KEY (report_id, seq)
);

CREATE TABLE commitments (
  report_id           bigint NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  seq                 integer NOT NULL,
  ident               text NOT NULL,
  kind                text NOT NULL CHECK (kind IN ('plan', 'next_step', 'problem', 'target')),
  ordinal             integer,
  title               text NOT NULL,
  text                text NOT NULL,
  group_count         integer,
  task_count          integer,
  fact                text,
  deadline            text,
  section             integer,
  item                integer,
  span_start          bigint NOT NULL,
  span_end            bigint NOT NULL,
  goal_label          text,
  goal_text           text,
  goal_value          numeric,
  goal_unit           text,
  goal_qualifier      text CHECK (goal_qualifier IN ('exact', 'more_than', 'at_least', 'nearly', 'about',
                        'at_most', 'less_than')),
  goal_qualifier_text text,
  goal_last_digit     integer,
  goal_approximate    boolean,
  goal_kind           text CHECK (goal_kind IN ('count', 'percent', 'multiple', 'amount', 'duration')),
  goal_start          bigint,
  goal_end            bigint,
  PRIMARY KEY (report_id, seq)
);

CREATE TABLE warnings (
  report_id bigint NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  seq       integer NOT NULL,
  code      text NOT NULL,
  message   text NOT NULL,
  position  bigint NOT NULL,
  PRIMARY KEY (report_id, seq)
);

CREATE TABLE verdicts (
  id             bigserial PRIMARY KEY,
  earlier_report bigint NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  later_report   bigint NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  subject        text COLLATE "C" NOT NULL CHECK (subject IN ('commitment', 'metric', 'streak', 'from_to')),
  ref            text COLLATE "C" NOT NULL,
  label          text NOT NULL,
  status         text NOT NULL,
  score          double precision,
  evidence       text NOT NULL DEFAULT '[]',
  rubric         text COLLATE "C" NOT NULL CHECK (rubric <> ''),
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (earlier_report, later_report, subject, ref, rubric)
);
CREATE INDEX verdicts_by_later ON verdicts (later_report);

INSERT INTO annals_schema (application, version) VALUES ('annals', 5);
)sql";

// Version 6, SQLite's version 6 for PostgreSQL: value, lo and hi are numeric here, exact and
// already sorted as numbers, and value_num, lo_num, hi_num are their double precision copies for
// clients that want floats (the same columns as in SQLite, so one query works on both). They are
// generated columns: the database fills them from the exact ones, for existing rows when the
// column is added and for every new row, so ingest's COPY does not change. The views are
// SQLite's, with the growth computed in numeric: exact, rounded half away from zero to 2
// decimals, which is `annals yoy --db`'s half-up (SQLite's view computes in REAL).
// Twin of lib/store/schema.cpp's v6 views: the columns and their meaning must stay the same
// (store_backends_test.SeriesAndYoyViewsAnswerAsOnSQLite compares the two).
const char* const v6_ddl = R"sql(
ALTER TABLE facts
  ADD COLUMN value_num double precision GENERATED ALWAYS AS (value::double precision) STORED,
  ADD COLUMN lo_num double precision GENERATED ALWAYS AS (lo::double precision) STORED,
  ADD COLUMN hi_num double precision GENERATED ALWAYS AS (hi::double precision) STORED;

CREATE VIEW series AS
SELECT jurisdiction, metric, year, value, value_num, unit, qualifier, text, report_id, fact
FROM (SELECT j.name AS jurisdiction, m.key AS metric, r.year AS year, f.value AS value,
             f.value_num AS value_num, f.unit AS unit, f.qualifier AS qualifier, f.text AS text,
             r.id AS report_id, f.ident AS fact,
             row_number() OVER (PARTITION BY r.id, m.id ORDER BY f.seq) AS nth
      FROM reports r
      JOIN jurisdictions j ON j.id = r.jurisdiction_id
      JOIN facts f ON f.report_id = r.id
      JOIN metric_aliases a ON a.id = f.alias_id
      JOIN metrics m ON m.id = a.metric_id
      WHERE r.current AND r.year IS NOT NULL) AS firsts
WHERE nth = 1;

CREATE VIEW yoy AS
SELECT s.jurisdiction AS jurisdiction, s.metric AS metric, s.year AS year, s.value AS value,
       s.value_num AS value_num, s.unit AS unit, p.year AS prior_year, p.value AS prior_value,
       CASE WHEN s.unit <> '%' AND p.value > 0
            THEN round((s.value - p.value) * 100 / p.value, 2) END AS growth_pct,
       CASE WHEN s.unit = '%' AND p.year IS NOT NULL
            THEN round(s.value - p.value, 2) END AS change_pp,
       c.kind AS stated_kind,
       CASE WHEN c.direction = 'down' AND c.value >= 0 THEN -c.value ELSE c.value END AS stated_value,
       c.text AS stated_text,
       s.text AS text, s.report_id AS report_id, s.fact AS fact
FROM series s
LEFT JOIN series p ON p.jurisdiction = s.jurisdiction AND p.metric = s.metric AND p.year = s.year - 1
LEFT JOIN LATERAL (SELECT c2.kind, c2.direction, c2.value, c2.text FROM changes c2
                   WHERE c2.report_id = s.report_id AND c2.fact = s.fact AND c2.value IS NOT NULL
                     AND (c2.basis IS NULL OR c2.basis <> 'mom')
                     AND c2.kind IN ('growth_pct', 'pp')
                   ORDER BY c2.seq LIMIT 1) AS c ON true;

UPDATE annals_schema SET version = 6;
)sql";

}  // namespace annals::detail::pg_schema
