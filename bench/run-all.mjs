// Runs the benchmarks one after another, each in its own process (so one bench's heap,
// JIT state and child servers never touch the next), then prints a short summary.
// `npm run bench` builds first and runs this.
//
//   node bench/run-all.mjs                  every default bench, printing only
//   node bench/run-all.mjs --write          also rewrite their tables in docs/BENCHMARKS.md
//   node bench/run-all.mjs --all            include the slower diagnosis benches
//   node bench/run-all.mjs kernel-hooks     only the benches named (file name without .mjs)
//
// To add a bench: a file in bench/ that runs on its own; list it below. If it takes
// `--write`, give it a section in docs/BENCHMARKS.md with its `<!-- bench:<id>:begin/end -->`
// markers, and have it store `summary` lines in bench/results/<id>.json (lib/results.mjs).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const BENCHES = [
  { name: 'kernel-http', takesWrite: true },
  { name: 'kernel-hooks', takesWrite: true },
  { name: 'plugin-restart', takesWrite: true },
  { name: 'auth-http', takesWrite: true },
  { name: 'jwt-verify', takesWrite: false },
  { name: 'kernel-http-layers', takesWrite: true, diagnosis: true },
  // Minutes per server under valgrind: asked for by name or with --all.
  { name: 'kernel-instructions', takesWrite: true, diagnosis: true },
];

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: { write: { type: 'boolean', default: false }, all: { type: 'boolean', default: false } },
});
const unknown = positionals.filter((name) => !BENCHES.some((bench) => bench.name === name));
if (unknown.length > 0) {
  console.error(`Unknown bench: ${unknown.join(', ')}. Known: ${BENCHES.map((bench) => bench.name).join(', ')}.`);
  process.exit(2);
}
const selected = BENCHES.filter((bench) => (positionals.length > 0 ? positionals.includes(bench.name) : flags.all || !bench.diagnosis));

const outcomes = [];
for (const bench of selected) {
  console.log(`\n=== ${bench.name}`);
  const startedAt = Date.now();
  const args = [fileURLToPath(new URL(`./${bench.name}.mjs`, import.meta.url)), ...(flags.write && bench.takesWrite ? ['--write'] : [])];
  const child = spawn(process.execPath, args, { stdio: 'inherit' });
  const [code] = await once(child, 'exit');
  outcomes.push({ bench, code, seconds: (Date.now() - startedAt) / 1000, summary: freshSummary(bench.name, startedAt) });
}

console.log('\n=== summary');
for (const { bench, code, seconds, summary } of outcomes) {
  console.log(`${bench.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${seconds.toFixed(0)} s`);
  for (const line of summary) console.log(`  ${line}`);
}
if (flags.write) console.log('docs/BENCHMARKS.md updated; review the findings under each table before committing.');
if (outcomes.some((outcome) => outcome.code !== 0)) process.exitCode = 1;

/** The summary lines a bench stored in this run (not a stale file from an earlier one). */
function freshSummary(name, since) {
  const file = fileURLToPath(new URL(`./results/${name}.json`, import.meta.url));
  if (!existsSync(file) || statSync(file).mtimeMs < since) return [];
  return JSON.parse(readFileSync(file, 'utf8')).summary ?? [];
}
