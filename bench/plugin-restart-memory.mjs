// Memory of the per-plugin metrics store at its worst: PLUGINS plugins that each answered
// requests in every minute of the whole retention (24 h), with latencies spread over many
// bins. Run by bench/plugin-restart.mjs as `node --expose-gc bench/plugin-restart-memory.mjs`;
// prints one line of JSON.
import { performance } from 'node:perf_hooks';
import { PluginMetricsStore } from '@tessera/kernel';

const PLUGINS = 50;
const HOURS = 24;
const PER_MINUTE = 20;
if (typeof globalThis.gc !== 'function') throw new Error('Run with --expose-gc.');

const measure = () => {
  globalThis.gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};

const start = Date.UTC(2026, 0, 1);
let now = start;
const store = new PluginMetricsStore({ retentionHours: HOURS, now: () => now });
const before = measure();
for (let minute = 0; minute < HOURS * 60; minute++) {
  now = start + minute * 60_000;
  for (let plugin = 0; plugin < PLUGINS; plugin++) {
    for (let i = 0; i < PER_MINUTE; i++) {
      // 0.2 ms to ~1.6 s, and an error now and then: every minute fills a dozen bins.
      const seconds = 0.0002 * 2 ** ((i * 13 + minute) % 13);
      store.record({ plugin: `bench-echo-${plugin}`, method: 'GET', route: '/echo', status: i === 7 ? 500 : 200, seconds, at: now });
    }
  }
}
const bytes = measure() - before;

const queryStart = performance.now();
const series = store.query('bench-echo-0', { start: new Date(start), end: new Date(now + 60_000), resolution: '1m' });
const queryMs = performance.now() - queryStart;
if (series.totals.requests !== HOURS * 60 * PER_MINUTE) throw new Error(`Expected ${HOURS * 60 * PER_MINUTE} requests, the store counted ${series.totals.requests}.`);

process.stdout.write(`${JSON.stringify({ plugins: PLUGINS, hours: HOURS, requests: PLUGINS * HOURS * 60 * PER_MINUTE, mebibytes: bytes / 2 ** 20, kibibytesPerPlugin: bytes / PLUGINS / 1024, dayQueryMs: queryMs, points: series.points.length })}\n`);
