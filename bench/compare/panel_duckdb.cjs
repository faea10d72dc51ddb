// Panel YoY in DuckDB (@duckdb/node-api), the peer annals is compared with.
//   node panel_duckdb.cjs PANEL.csv [THREADS]      (PEERS_DIR: where node_modules lives)
// Loads the CSV into a table, then computes value / LAG(value) − 1 per (jurisdiction, metric)
// ordered by year, and prints one JSON line: rows with a growth, their sum, and the wall time of
// each step in seconds.
'use strict';
const path = require('path');
const { createRequire } = require('module');
const peers = process.env.PEERS_DIR || path.join(__dirname, '../../build/peers');
const { DuckDBInstance } = createRequire(path.join(peers, 'package.json'))('@duckdb/node-api');

async function main() {
  const [file, threads = '2'] = process.argv.slice(2);
  if (!file) throw new Error('usage: node panel_duckdb.cjs PANEL.csv [THREADS]');
  const t0 = process.hrtime.bigint();
  const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const con = await db.connect();
  const quoted = "'" + file.replace(/'/g, "''") + "'";
  await con.run(
    `CREATE TABLE panel AS SELECT * FROM read_csv(${quoted}, header = true, ` +
      `columns = {'jurisdiction': 'VARCHAR', 'metric': 'VARCHAR', 'year': 'INTEGER', 'value': 'DOUBLE'})`);
  const t1 = process.hrtime.bigint();
  const reader = await con.runAndReadAll(
    'SELECT count(g) AS rows, sum(g) AS growth_sum FROM (SELECT value / LAG(value) OVER ' +
      '(PARTITION BY jurisdiction, metric ORDER BY year) - 1 AS g FROM panel)');
  const t2 = process.hrtime.bigint();
  const [rows, sum] = reader.getRows()[0];
  const s = (a, b) => Number(b - a) / 1e9;
  console.log(JSON.stringify({ rows: Number(rows), growth_sum: Number(sum).toFixed(6),
                               load_s: s(t0, t1), yoy_s: s(t1, t2), total_s: s(t0, t2) }));
}
main().catch((e) => { console.error('panel_duckdb: ' + e.message); process.exit(1); });
