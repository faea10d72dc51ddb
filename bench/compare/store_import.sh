#!/bin/sh
# The peer of BM_Store_IngestBulk: sqlite3's own `.import` of the same fact rows as CSV into a
# table with the store's facts DDL and the store's settings (16 KiB pages, WAL, synchronous=NORMAL).
# The sqlite3 tool leaves foreign keys off, so REFERENCES clauses are not checked here.
# Usage: store_import.sh DB CSV   (run by bench_store; needs the Debian sqlite3 package)
set -eu
db=$1
csv=$2
sqlite3 "$db" >/dev/null <<SQL
PRAGMA page_size = 16384;
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA cache_size = -65536;
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
  alias_id       INTEGER REFERENCES metric_aliases(id),
  CHECK (id >> 20 = report_id)
);
.import --csv '$csv' facts
SQL
