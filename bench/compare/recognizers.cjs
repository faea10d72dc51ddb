// The reading peer: Microsoft Recognizers-Text (npm @microsoft/recognizers-text-suite 1.3.1, its
// number package) with the Chinese number, ordinal and percentage models, built once.
//   node recognizers.cjs DIR                     every DIR/*.txt (with DIR/*.truth.tsv beside it)
//   node recognizers.cjs --gold GOLD.tsv REPORT.txt
//   --repeat N (best of N passes), --number-only (the number model alone: the fastest configuration)
// Each report is fed line by line. Prints one JSON line: reports, bytes, seconds (best of
// --repeat passes, default 1), MB/s, how many numbers/percentages/ordinals were recognised, and
// for the truth facts how many have their value among the recognised numbers (each recognised
// number matched at most once). The peer gives no measure word and no qualifier, so it can never
// get a fact fully right (value + unit + qualifier); value_found is the fair comparison.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');
const peers = process.env.PEERS_DIR || path.join(__dirname, '../../build/peers');
const req = createRequire(path.join(peers, 'package.json'));
req.resolve('@microsoft/recognizers-text-suite');  // the suite is what is installed; it brings the number package
const N = req('@microsoft/recognizers-text-number');

function canonical(v) {
  let s = String(v).trim().replace(/%$/, '').replace(/^\+/, '');
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  if (s === '-0' || s === '') s = '0';
  return s;
}

function readTruth(file) {
  // columns by header name (kind optional: rows are facts), like annals_bench::parse_truth_tsv
  if (!fs.existsSync(file)) return [];
  const lines = fs.readFileSync(file, 'utf8').split('\n').map((l) => l.replace(/\r$/, ''))
    .filter((l, i, all) => !(l.startsWith('#') && all.slice(0, i).every((p) => p.startsWith('#'))));  // leading comments
  const header = lines[0].split('\t');
  const kind = header.indexOf('kind'), value = header.indexOf('value');
  if (value < 0) throw new Error(file + ': no value column');
  return lines.slice(1).filter((l) => l.length > 0 && l[0] !== '#').map((l) => {
    const f = l.split('\t');
    return { kind: kind >= 0 ? f[kind] : 'fact', value: f[value] };
  });
}

function main() {
  const args = process.argv.slice(2);
  let docs = [];
  let repeat = 1;
  const ri = args.indexOf('--repeat');
  if (ri >= 0) { repeat = Math.max(1, parseInt(args[ri + 1], 10) || 1); args.splice(ri, 2); }
  // --number-only: the number model alone, the peer's fastest configuration (a third of the work;
  // no percentages or ordinals), for the whole-process comparison of issue 15
  const ni = args.indexOf('--number-only');
  const numberOnly = ni >= 0;
  if (numberOnly) args.splice(ni, 1);
  if (args[0] === '--gold' && args.length === 3) {
    docs.push({ text: fs.readFileSync(args[2], 'utf8'), truth: readTruth(args[1]) });
  } else if (args.length === 1) {
    const files = fs.readdirSync(args[0]).filter((f) => f.endsWith('.txt')).sort();
    docs = files.map((f) => ({
      text: fs.readFileSync(path.join(args[0], f), 'utf8'),
      truth: readTruth(path.join(args[0], f.replace(/\.txt$/, '.truth.tsv'))),
    }));
  } else {
    console.error('usage: node recognizers.cjs DIR | node recognizers.cjs --gold GOLD.tsv REPORT.txt');
    process.exit(2);
  }
  const recognizer = new N.NumberRecognizer(N.Culture.Chinese);
  const models = numberOnly ? [recognizer.getNumberModel()]
    : [recognizer.getNumberModel(), recognizer.getOrdinalModel(), recognizer.getPercentageModel()];
  const bytes = docs.reduce((a, d) => a + Buffer.byteLength(d.text, 'utf8'), 0);
  let best = Infinity;
  let results = null;
  for (let pass = 0; pass < repeat; pass++) {
    const out = [];
    const t0 = process.hrtime.bigint();
    for (const d of docs) {
      const found = [[], [], []];
      for (const line of d.text.split('\n')) {
        if (line.trim().length === 0) continue;
        models.forEach((m, k) => { for (const r of m.parse(line)) found[k].push(r); });
      }
      out.push(found);
    }
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (s < best) { best = s; }
    if (!results) results = out;
  }
  let numbers = 0, ordinals = 0, percents = 0, truthFacts = 0, valueFound = 0;
  docs.forEach((d, i) => {
    const [nums, ords = [], pcts = []] = results[i];
    numbers += nums.length; ordinals += ords.length; percents += pcts.length;
    const pool = new Map();
    for (const r of nums.concat(pcts)) {
      const v = canonical(r.resolution && r.resolution.value);
      pool.set(v, (pool.get(v) || 0) + 1);
    }
    for (const t of d.truth) {
      if (t.kind !== 'fact') continue;
      truthFacts++;
      const v = canonical(t.value);
      const n = pool.get(v) || 0;
      if (n > 0) { pool.set(v, n - 1); valueFound++; }
    }
  });
  console.log(JSON.stringify({ reports: docs.length, bytes, seconds: best, mb_per_s: bytes / 1e6 / best,
                               numbers, percents, ordinals, facts_truth: truthFacts, fact_value_found: valueFound,
                               fact_fully_right: 0 }));
}
main();
