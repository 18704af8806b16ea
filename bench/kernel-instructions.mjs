// Instructions per request, counted by valgrind's callgrind: the same comparisons as
// kernel-http (public plugin endpoint vs bare Nest) and auth-http (authenticated plugin
// endpoint vs bare Nest without auth), in a unit that other processes on a shared machine
// cannot move. Requests per second on these 2-core machines moved by half between runs of
// the same code; an instruction count moves by a few per cent (GC and JIT timing).
//
// Each server runs under callgrind; after WARM requests (the JIT settles) the counters are
// zeroed, MEASURED requests are sent, and the counters are dumped per thread. Thread 1 is
// the event loop; the others are V8's helpers (GC, compiler), which share the server's core
// in kernel-http. Slow: a server runs ~50× slower under valgrind (minutes per contender).
//
// Needs the build (npm run build) and valgrind. Run: node bench/kernel-instructions.mjs
// [--write] [--warm N] [--measured N] [--only kernel|auth]; with DATABASE_URL (a database of its own) the Tessera
// hosts run on PostgreSQL, which boots far faster under valgrind than the embedded PGlite.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { describeMachine, runDate } from './lib/machine.mjs';
import { saveRawResults, writeGeneratedBlock } from './lib/results.mjs';
import { formatCount, formatRatio } from './lib/stats.mjs';
import { SECURE_PATH } from './servers/auth-bench.constants.mjs';
import { ECHO_PATH } from './servers/serve-until-stopped.mjs';

const { values: flags } = parseArgs({
  options: {
    write: { type: 'boolean', default: false },
    warm: { type: 'string', default: '5000' },
    measured: { type: 'string', default: '20000' },
    // One comparison alone, while cutting: kernel (nest, plugin) or auth (authNest, auth).
    only: { type: 'string' },
  },
});
const WARM = Number(flags.warm);
const MEASURED = Number(flags.measured);
const SERVERS = new URL('./servers/', import.meta.url);
const database = process.env.DATABASE_URL;

const ALL_CONTENDERS = [
  { id: 'nest', label: 'bare Nest + Fastify controller', script: 'bare-nest.server.mjs', path: ECHO_PATH },
  { id: 'plugin', label: 'Tessera public plugin endpoint', script: 'tessera-plugin.server.mjs', path: ECHO_PATH, env: database ? { BENCH_DATABASE_URL: database } : {} },
  { id: 'authNest', label: 'bare Nest + Fastify controller (auth-http route, no auth)', script: 'auth-bare-nest.server.mjs', path: SECURE_PATH },
  { id: 'auth', label: 'Tessera authenticated plugin endpoint', script: 'auth-tessera.server.mjs', path: SECURE_PATH, env: database ? { DATABASE_URL: database } : {} },
];
const COMPARISONS = { kernel: ['nest', 'plugin'], auth: ['authNest', 'auth'] };
if (flags.only && !COMPARISONS[flags.only]) {
  console.error(`--only takes ${Object.keys(COMPARISONS).join(' or ')}, not "${flags.only}".`);
  process.exit(1);
}
if (flags.only && flags.write) {
  console.error('--write needs every comparison: drop --only.');
  process.exit(1);
}
const CONTENDERS = flags.only ? ALL_CONTENDERS.filter((contender) => COMPARISONS[flags.only].includes(contender.id)) : ALL_CONTENDERS;

try {
  execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
} catch {
  console.error('kernel-instructions needs valgrind (apt-get install valgrind).');
  process.exit(1);
}

/** Boots one contender under callgrind, counts WARM then MEASURED requests, returns instructions per thread. */
async function count(contender) {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-callgrind-'));
  const child = spawn(
    'valgrind',
    ['--tool=callgrind', '--smc-check=all-non-file', '--separate-threads=yes', '--dump-line=no', `--callgrind-out-file=${join(dir, 'cg')}`, process.execPath, fileURLToPath(new URL(contender.script, SERVERS))],
    { env: { ...process.env, DATABASE_URL: undefined, REDIS_URL: undefined, ...contender.env }, stdio: ['pipe', 'pipe', 'ignore'] },
  );
  try {
    const ready = await new Promise((resolve, reject) => {
      const lines = createInterface({ input: child.stdout });
      lines.on('line', (line) => line.startsWith('READY ') && resolve(line.slice(6).split(' ')));
      child.once('exit', (code) => reject(new Error(`${contender.script} exited under valgrind (code ${code}) before it was ready.`)));
    });
    const [url, token] = ready;
    const load = (amount) =>
      autocannon({ url: url + contender.path, connections: 8, amount, headers: token ? { authorization: `Bearer ${token}` } : {} });
    await load(WARM);
    execFileSync('callgrind_control', ['--zero', String(child.pid)], { stdio: 'ignore' });
    const result = await load(MEASURED);
    execFileSync('callgrind_control', ['--dump', String(child.pid)], { stdio: 'ignore' });
    const threads = readdirSync(dir)
      .filter((file) => /^cg\.\d+-\d+$/.test(file))
      .sort()
      .map((file) => Number(/^(?:summary|totals): (\d+)/m.exec(readFileSync(join(dir, file), 'utf8'))?.[1] ?? 0));
    const [main = 0, ...helpers] = threads;
    return { ...contender, requests: result.requests.total, failed: result.non2xx + result.errors, main: main / MEASURED, helpers: helpers.reduce((a, b) => a + b, 0) / MEASURED };
  } finally {
    child.stdin.end();
    child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
    rmSync(dir, { recursive: true, force: true });
  }
}

const machine = describeMachine();
const date = runDate();
console.log(`kernel-instructions: ${CONTENDERS.length} servers under callgrind, ${WARM} + ${MEASURED} requests each${database ? ', Tessera on PostgreSQL' : ''}`);
const rows = [];
for (const contender of CONTENDERS) {
  const row = await count(contender);
  rows.push(row);
  console.log(`  ${row.id.padEnd(9)} ${formatCount(row.main).padStart(8)} instructions per request on the event loop, ${formatCount(row.helpers).padStart(8)} in helper threads`);
}
const byId = Object.fromEntries(rows.map((row) => [row.id, row]));
const ratio = (bare, tessera, field) => formatRatio(byId[bare][field] / byId[tessera][field]);

const table = [
  `Run ${date} on ${machine}; valgrind callgrind, ${WARM} warm-up then ${MEASURED} measured requests per server (autocannon -c 8)${database ? '; Tessera hosts on PostgreSQL' : '; Tessera hosts on the embedded defaults'}.`,
  '',
  '| server | instructions / request, event loop | + helper threads (GC, compiler) | failed requests |',
  '|---|---:|---:|---:|',
  ...rows.map((row) => `| ${row.label} | ${formatCount(row.main)} | ${formatCount(row.helpers)} | ${row.failed} |`),
  '',
  ...(byId.plugin ? [`- bare Nest / public plugin endpoint: **${ratio('nest', 'plugin', 'main')}** on the event loop (the kernel-http target, ≥ 90 %, by this measure)`] : []),
  ...(byId.auth ? [`- bare Nest without auth / authenticated plugin endpoint: **${ratio('authNest', 'auth', 'main')}** on the event loop (the auth-http target, ≥ 75 %, by this measure)`] : []),
].join('\n');
console.log(`\n${table}\n`);
saveRawResults('kernel-instructions', { date, machine, flags, rows, summary: [`event loop instructions per request: ${rows.map((row) => `${row.id} ${formatCount(row.main)}`).join(', ')}`] });
if (flags.write) writeGeneratedBlock('kernel-instructions', table);
if (rows.some((row) => row.failed > 0)) {
  console.error('Some requests failed: the counts do not compare like with like.');
  process.exitCode = 1;
}
