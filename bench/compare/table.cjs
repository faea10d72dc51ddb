// Turns the results of bench/compare/run.sh into the Markdown table of bench/README.md, checks
// that the panel answers agree (rows equal, growth_sum within 1e-6 relative) and exits 1 when
// they do not.   node table.cjs RESULTS_DIR PANEL.csv CORPUS_DIR
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const [dir, panel, corpus] = process.argv.slice(2);
const has = (n) => fs.existsSync(path.join(dir, n + '.out')) && fs.existsSync(path.join(dir, n + '.time'));
const json = (n) => JSON.parse(fs.readFileSync(path.join(dir, n + '.out'), 'utf8').trim().split('\n').pop());
const time = (n) => {
  const [wall, rss, user, sys] = fs.readFileSync(path.join(dir, n + '.time'), 'utf8').trim().split('\n').pop().split(' ');
  return { wall: Number(wall), rssMB: Number(rss) / 1024, cpu: Number(user || 0) + Number(sys || 0) };
};
const f2 = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const rows = [];
const row = (...c) => rows.push('| ' + c.join(' | ') + ' |');
let ok = true;
const notes = [];

// (a) reading
if (has('read_annals') && has('read_rt')) {
  const a = json('read_annals'), r = json('read_rt');
  const ta = time('read_annals'), tr = time('read_rt');
  const rec = a.recall || {};
  const pct = (k) => (rec[k] ? `${rec[k].found}/${rec[k].truth}` : '–');
  row('reading', 'annals read_report_text', `${f2(a.seconds)} (best of passes)`, f2(ta.rssMB), `**${f2(a.mb_per_s)} MB/s**`,
      `facts ${pct('fact')} fully right, values ${a.fact_value_found}/${a.facts_truth}; changes: growth ${pct('growth_pct')}, pp ${pct('pp')}, from→to ${pct('from_to')}`, '1');
  row('reading', 'Recognizers-Text 1.3.1 (zh number+ordinal+percent)', `${f2(r.seconds)}`, f2(tr.rssMB), `${f2(r.mb_per_s)} MB/s`,
      `facts 0/${r.facts_truth} fully right (no units or qualifiers), values ${r.fact_value_found}/${r.facts_truth}`,
      `annals ${f2(a.mb_per_s / r.mb_per_s)}× faster`);
  notes.push(`reading input: ${a.reports} generated reports, ${(a.bytes / 1e6).toFixed(2)} MB (${corpus})`);
}
if (has('gold_annals') || has('gold_rt')) {
  const a = has('gold_annals') ? json('gold_annals') : null, r = has('gold_rt') ? json('gold_rt') : null;
  const fa = a && a.recall && a.recall.fact ? a.recall.fact : null;
  row('sample accuracy', 'annals', '', '', '', a ? `facts ${fa ? fa.found : 0}/${a.facts_truth} fully right, values ${a.fact_value_found}/${a.facts_truth}` : 'failed', '');
  row('sample accuracy', 'Recognizers-Text', '', '', '', r ? `facts 0/${r.facts_truth} fully right, values ${r.fact_value_found}/${r.facts_truth}` : 'failed', '');
} else {
  notes.push('sample accuracy: tests/data/chengdu-2024.gold.tsv not present: not measured');
}

// (b) panel
if (has('panel_annals')) {
  const a = json('panel_annals'), ta = time('panel_annals');
  const lines = fs.readFileSync(panel).length;  // bytes
  row('panel YoY', 'annals yoy --panel --summary', `**${f2(ta.wall)}** (CPU ${f2(ta.cpu)})`, f2(ta.rssMB), `${f2(a.rows_read / ta.wall / 1e6)} M rows/s`,
      `rows ${a.rows}, growth_sum ${a.growth_sum}`, '1');
  for (const [name, label] of [['panel_duckdb', 'DuckDB 1.5.6 (node-api, 2 threads)'], ['panel_sqlite', 'sqlite3 ' + sqliteVersion() + ' (LAG)']]) {
    if (!has(name)) { row('panel YoY', label, 'failed', '', '', '', ''); ok = false; continue; }
    const p = json(name), tp = time(name);
    const rel = Math.abs(Number(p.growth_sum) - Number(a.growth_sum)) / Math.max(1e-12, Math.abs(Number(a.growth_sum)));
    const same = Number(p.rows) === Number(a.rows) && rel <= 1e-6;
    if (!same) ok = false;
    const split = p.load_s !== undefined ? ` (load ${f2(p.load_s)} + yoy ${f2(p.yoy_s)})` : '';
    row('panel YoY', label, `${f2(tp.wall)}${split} (CPU ${f2(tp.cpu)})`, f2(tp.rssMB), `${f2(a.rows_read / tp.wall / 1e6)} M rows/s`,
        `rows ${p.rows}, growth_sum ${p.growth_sum} — ${same ? 'same answer' : 'DIFFERENT'} (rel. diff ${rel.toExponential(1)})`,
        `annals ${f2(tp.wall / ta.wall)}× faster (CPU ${f2(tp.cpu / Math.max(ta.cpu, 1e-9))}× less)`);
  }
  notes.push(`panel input: ${a.rows_read} rows, ${(lines / 1e6).toFixed(0)} MB, shuffled (${path.basename(panel)}); peak RSS limit 2× CSV = ${(2 * lines / 1048576).toFixed(0)} MB`);
}

// (c) ingest
if (has('ingest_annals') && has('ingest_sqlite')) {
  const facts = Number(fs.readFileSync(path.join(dir, 'ingest_facts.out'), 'utf8').trim());
  const ta = time('ingest_annals'), ts = time('ingest_sqlite');
  row('ingest', 'annals ingest (read + store every table)', `${f2(ta.wall)} (CPU ${f2(ta.cpu)})`, f2(ta.rssMB), `${f2(facts / ta.wall / 1000)} k facts/s`, `${facts} facts`, '1');
  row('ingest', 'sqlite3 .import (the facts table only, from CSV)', `${f2(ts.wall)} (CPU ${f2(ts.cpu)})`, f2(ts.rssMB), `${f2(facts / ts.wall / 1000)} k facts/s`,
      `${fs.readFileSync(path.join(dir, 'ingest_sqlite.out'), 'utf8').trim()} facts`, `${f2(ts.wall / ta.wall)}× annals' time`);
} else {
  notes.push('ingest: not measured (annals ingest not built)');
}

function sqliteVersion() {
  try { return require('child_process').execSync('sqlite3 --version').toString().split(' ')[0]; } catch { return ''; }
}

console.log(`Machine: ${os.cpus()[0].model}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; ` +
            `load average before the table ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log('');
console.log('| task | tool | wall s | peak RSS MB | throughput | answer / accuracy | vs annals |');
console.log('| --- | --- | ---: | ---: | ---: | --- | --- |');
for (const r of rows) console.log(r);
console.log('');
for (const n of notes) console.log('- ' + n);
if (!ok) { console.log('\ncompare: the panel answers DISAGREE'); process.exit(1); }
