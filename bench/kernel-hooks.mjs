// Hook dispatch: the kernel's HookBus against @nestjs/event-emitter's EventEmitter2
// (emitAsync, since a HookBus emit is async and awaited) and hookable (callHook), with 1 and
// 10 handlers, synchronous and async; and the filter chain (HookBus.filter) against
// hookable with a waterfall caller, hookable having no filter API of its own.
//
// Needs the build (npm run build). Run: node bench/kernel-hooks.mjs [--write] [--batches N]
// [--batch-ms MS]
import { parseArgs } from 'node:util';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { HookBus } from '@tessera/kernel';
import { createHooks } from 'hookable';
import { describeMachine, runDate } from './lib/machine.mjs';
import { opsContest } from './lib/ops-contest.mjs';
import { saveRawResults, writeGeneratedBlock } from './lib/results.mjs';
import { formatCount, formatRatio } from './lib/stats.mjs';

const { values: flags } = parseArgs({
  options: {
    write: { type: 'boolean', default: false },
    batches: { type: 'string', default: '9' },
    'batch-ms': { type: 'string', default: '80' },
  },
});

const HOOK = 'bench_event';
// A manifest's default resources.timeout_seconds: what a real plugin's handler gets.
const HANDLER_TIMEOUT_MS = 30_000;

/** `count` handlers adding the payload's n to a shared total; the total proves they all ran. */
function emitHandlers(count, kind, state) {
  const body = (payload) => {
    state.total += payload.n;
  };
  return Array.from({ length: count }, () => (kind === 'async' ? async (payload) => body(payload) : body));
}

/** `count` filters each adding 1 to the payload; the result proves the chain ran in full. */
function filterHandlers(count, kind) {
  return Array.from({ length: count }, () => (kind === 'async' ? async (n) => n + 1 : (n) => n + 1));
}

// One subscriber per plugin, as when ten plugins listen to the same hook.
function hookBusWith(functions, hookKind) {
  const bus = new HookBus();
  functions.forEach((invoke, order) => {
    const owner = `plugin-${order}`;
    bus.setHandlers(owner, [{ owner, hook: HOOK, kind: hookKind, priority: 10, order, timeoutMs: HANDLER_TIMEOUT_MS, invoke }]);
  });
  return bus;
}

function hookableWith(functions) {
  const hooks = createHooks();
  for (const fn of functions) hooks.hook(HOOK, fn);
  return hooks;
}

// hookable's extension point for custom calling conventions: each hook gets the previous
// one's result. Synchronous while the hooks are, like hookable's own serial caller.
const waterfall = (hooks, [value]) => hooks.reduce((current, hook) => (current instanceof Promise ? current.then(hook) : hook(current)), value);

function emitScenario(count, kind) {
  const state = { total: 0 };
  const functions = emitHandlers(count, kind, state);
  const bus = hookBusWith(functions, 'action');
  const emitter = new EventEmitter2();
  for (const fn of functions) emitter.on(HOOK, fn);
  const hooks = hookableWith(functions);
  const payload = { n: 1 };
  return {
    name: `emit, ${count} ${kind} handler${count > 1 ? 's' : ''}`,
    contenders: [
      { id: 'hookbus', run: () => bus.emit(HOOK, payload) },
      { id: 'eventemitter2', run: () => emitter.emitAsync(HOOK, payload) },
      { id: 'hookable', run: () => hooks.callHook(HOOK, payload) },
    ],
    async check(run) {
      const before = state.total;
      await run();
      if (state.total - before !== count) throw new Error(`${this.name}: ${state.total - before} of ${count} handlers ran.`);
    },
  };
}

function filterScenario(count, kind) {
  const functions = filterHandlers(count, kind);
  const bus = hookBusWith(functions, 'filter');
  const hooks = hookableWith(functions);
  return {
    name: `filter, ${count} ${kind} filter${count > 1 ? 's' : ''}`,
    contenders: [
      { id: 'hookbus', run: () => bus.filter(HOOK, 0) },
      { id: 'hookable', run: () => hooks.callHookWith(waterfall, HOOK, [0]) },
    ],
    async check(run) {
      const result = await run();
      if (result !== count) throw new Error(`${this.name}: the chain returned ${result}, expected ${count}.`);
    },
  };
}

const scenarios = [];
for (const kind of ['sync', 'async']) for (const count of [1, 10]) scenarios.push(emitScenario(count, kind));
for (const kind of ['sync', 'async']) for (const count of [1, 10]) scenarios.push(filterScenario(count, kind));

const machine = describeMachine();
const date = runDate();
const options = { batches: Number(flags.batches), batchMs: Number(flags['batch-ms']) };
console.log(`kernel-hooks: ${scenarios.length} scenarios, ${options.batches} interleaved batches of ~${options.batchMs} ms per contender`);
const results = [];
for (const scenario of scenarios) {
  for (const contender of scenario.contenders) await scenario.check(contender.run);
  const rows = await opsContest(scenario.contenders, options);
  const byId = Object.fromEntries(rows.map((row) => [row.id, row]));
  const versus = (id) => (byId[id] ? byId.hookbus.opsPerSecond / byId[id].opsPerSecond : undefined);
  results.push({ scenario: scenario.name, rows, versusEventEmitter2: versus('eventemitter2'), versusHookable: versus('hookable') });
  console.log(`  ${scenario.name.padEnd(26)} ${rows.map((row) => `${row.id} ${formatCount(row.opsPerSecond)}`).join('  ')}`);
}

const slowerThanALibrary = (result) => [result.versusEventEmitter2, result.versusHookable].some((ratio) => ratio !== undefined && ratio < 1);
const missed = results.filter(slowerThanALibrary).length;
const verdict = `Target: HookBus at least as fast as both libraries (≥ 100 %): ${missed === 0 ? 'met' : `missed in ${missed} of ${results.length} scenarios`}.`;
const ratio = (value) => (value === undefined ? '—' : formatRatio(value));
const cell = (result, id) => {
  const row = result.rows.find((candidate) => candidate.id === id);
  return row ? formatCount(row.opsPerSecond) : '—';
};
const table = [
  `Run ${date} on ${machine}.`,
  `Operations per second, each awaited before the next; median of ${options.batches} batches of ~${options.batchMs} ms, the contenders' batches interleaved. HookBus handlers have a ${HANDLER_TIMEOUT_MS / 1000} s timeout (the manifest default) and one owner each. For filters, the hookable column is \`callHookWith\` with a waterfall caller (hookable has no filter API).`,
  '',
  '| scenario | HookBus | EventEmitter2 emitAsync | hookable callHook | HookBus / EventEmitter2 | HookBus / hookable |',
  '|---|---:|---:|---:|---:|---:|',
  ...results.map(
    (result) =>
      `| ${result.scenario} | ${cell(result, 'hookbus')} | ${cell(result, 'eventemitter2')} | ${cell(result, 'hookable')} | ${ratio(result.versusEventEmitter2)} | ${ratio(result.versusHookable)} |`,
  ),
  '',
  verdict,
].join('\n');

console.log(`\n${table}\n`);
const shortName = (scenario) => scenario.replace(/ (handler|filter)s?$/, '').replace(',', '');
const summary = [
  `HookBus vs EventEmitter2 / hookable: ${results.map((result) => `${shortName(result.scenario)} ${ratio(result.versusEventEmitter2)} / ${ratio(result.versusHookable)}`).join('; ')}`,
  verdict,
];
saveRawResults('kernel-hooks', { date, machine, options, results, summary });
if (flags.write) writeGeneratedBlock('kernel-hooks', table);
