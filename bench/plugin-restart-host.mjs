// The host process of bench/plugin-restart.mjs: the real Tessera app on the embedded defaults
// serving the plugin folders in PLUGIN_RESTART_DIR (bench-echo copies), driven over stdin.
//
// Prints `READY <url> <boot ms> <rss MiB>` once it listens. Each stdin line is a JSON command
// `{ "restart": "<plugin>", "times": 20, "pauseMs": 50 }`: it restarts that plugin through
// PluginLoader.restart (in-process: what is timed is the kernel's swap, not an HTTP round trip)
// and prints `RESULT <json>` with the duration of every restart in ms. Stops when stdin ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTesseraApp } from '@tessera/core';
import { PluginLoader } from '@tessera/kernel';

const pluginDir = process.env.PLUGIN_RESTART_DIR;
if (!pluginDir) throw new Error('PLUGIN_RESTART_DIR is not set: run bench/plugin-restart.mjs, which prepares the plugin folders.');

const dataDir = mkdtempSync(join(tmpdir(), 'tessera-bench-restart-'));
const bootStart = performance.now();
const tessera = await createTesseraApp({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  pluginDirs: [pluginDir],
  // No admin on this throw-away database: the warning about it would only be noise.
  logLevel: 'error',
  jwtSecret: 's'.repeat(32),
  encryptionKey: 'a'.repeat(64),
});
const url = (await tessera.listen()).replace('localhost', '127.0.0.1');
const bootMs = performance.now() - bootStart;
const loader = tessera.app.get(PluginLoader);
const inactive = loader.list().filter((record) => record.state !== 'active');
if (inactive.length > 0) throw new Error(`Not every bench plugin is active: ${inactive.map((record) => `${record.name} (${record.error?.message ?? record.state})`).join(', ')}`);

let closing;
const close = () => {
  closing ??= tessera.close().finally(() => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
};
process.once('SIGTERM', close);

process.stdout.write(`READY ${url} ${bootMs.toFixed(0)} ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  const command = JSON.parse(line);
  const durations = [];
  for (let i = 0; i < command.times; i++) {
    const start = performance.now();
    await loader.restart(command.restart);
    durations.push(performance.now() - start);
    await sleep(command.pauseMs);
  }
  process.stdout.write(`RESULT ${JSON.stringify({ durations, rssMiB: process.memoryUsage().rss / 2 ** 20 })}\n`);
}
close();
