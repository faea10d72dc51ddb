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

}  // namespace annals::detail::pg_schema
