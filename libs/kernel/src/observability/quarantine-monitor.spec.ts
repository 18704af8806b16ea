import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { PluginActivity } from '../activity/plugin-activity.js';
import { PluginLogStore } from '../context/plugin-log-store.js';
import { PluginLifecycleEvents } from '../lifecycle/plugin-lifecycle-events.js';
import type { PluginLoader } from '../loader/plugin-loader.service.js';
import type { PluginRecord } from '../loader/plugin-record.js';
import type { PluginUnit } from '../unit/plugin-unit.interface.js';
import type { QuarantineOptions } from './observability-options.interface.js';
import { QuarantineMonitor } from './quarantine-monitor.js';

/** The part of the loader the monitor uses: records, and quarantine as the kernel does it. */
function fakeLoader(names: string[]) {
  const records = new Map<string, PluginRecord>(names.map((name) => [name, { name, dir: '', warnings: [], state: 'active', order: 0 }]));
  const quarantined: Array<{ name: string; reason: string }> = [];
  const loader = {
    get: (name: string) => records.get(name),
    quarantine: async (name: string, reason: string) => {
      const record = records.get(name)!;
      if (record.quarantine) return false;
      record.quarantine = { since: new Date(), reason };
      quarantined.push({ name, reason });
      return true;
    },
  };
  return { loader: loader as unknown as PluginLoader, records, quarantined };
}

function setUp(options: QuarantineOptions, names = ['flaky', 'steady']) {
  const activity = new PluginActivity();
  const events = new PluginLifecycleEvents();
  const logs = new PluginLogStore();
  const { loader, records, quarantined } = fakeLoader(names);
  new QuarantineMonitor(loader, activity, events, logs, pino({ level: 'silent' }), options);
  const fail = (plugin: string, at: number, source: 'endpoint' | 'hook' | 'action' = 'endpoint') => activity.failure({ plugin, source, message: `boom ${at}`, at });
  // The fake loader answers within microtasks: one turn of the event loop lets every trip finish.
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { activity, events, logs, records, quarantined, fail, settle };
}

describe('QuarantineMonitor', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('quarantines a plugin at the Nth failure within the window, and only that plugin', async () => {
    const { fail, settle, quarantined, logs } = setUp({ failures: 3, windowSeconds: 10 });
    fail('flaky', 1_000);
    fail('steady', 1_000, 'hook');
    fail('flaky', 2_000, 'action');
    await settle();
    expect(quarantined).toEqual([]);
    fail('flaky', 3_000, 'hook');
    await settle();
    expect(quarantined).toEqual([{ name: 'flaky', reason: '3 failures within 10 s, the last one: boom 3000' }]);
    expect(logs.query('flaky').items[0]).toMatchObject({ level: 'error', message: expect.stringContaining('Quarantined: 3 failures within 10 s') });
  });

  it('lets failures older than the window go', async () => {
    const { fail, settle, quarantined } = setUp({ failures: 3, windowSeconds: 10 });
    fail('flaky', 0);
    fail('flaky', 5_000);
    fail('flaky', 10_000);
    fail('flaky', 16_000);
    await settle();
    expect(quarantined).toEqual([]);
    fail('flaky', 17_000);
    await settle();
    expect(quarantined.map((entry) => entry.name)).toEqual(['flaky']);
  });

  it('starts a fresh window when the plugin is activated again (restart, enable)', async () => {
    const { fail, settle, quarantined, events, records } = setUp({ failures: 3, windowSeconds: 60 });
    fail('flaky', 1_000);
    fail('flaky', 2_000);
    await events.activated(records.get('flaky')!, {} as PluginUnit, () => undefined);
    fail('flaky', 3_000);
    fail('flaky', 4_000);
    await settle();
    expect(quarantined).toEqual([]);
  });

  it('ignores failures of plugins that are not active', async () => {
    const { fail, settle, quarantined, records } = setUp({ failures: 1, windowSeconds: 60 });
    records.get('flaky')!.state = 'inactive';
    fail('flaky', 1_000);
    fail('ghost', 1_000);
    await settle();
    expect(quarantined).toEqual([]);
  });

  it('does nothing with failures: 0', async () => {
    const { fail, settle, quarantined } = setUp({ failures: 0, windowSeconds: 60 });
    for (let i = 0; i < 50; i++) fail('flaky', i);
    await settle();
    expect(quarantined).toEqual([]);
  });

  it('POSTs the alert to the webhook, and survives a webhook that is down', async () => {
    const received: unknown[] = [];
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push({ method: req.method, type: req.headers['content-type'], body: JSON.parse(body) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const { fail, quarantined } = setUp({ failures: 2, windowSeconds: 60, webhookUrl: `http://127.0.0.1:${port}/alerts` });
    fail('flaky', 1_000);
    fail('flaky', 2_000, 'action');
    await expect.poll(() => received.length).toBe(1);
    expect(received[0]).toEqual({
      method: 'POST',
      type: 'application/json',
      body: {
        event: 'plugin_quarantined',
        plugin: 'flaky',
        reason: quarantined[0].reason,
        failures: 2,
        window_seconds: 60,
        last_failure: { source: 'action', message: 'boom 2000' },
        since: expect.any(String),
      },
    });

    const down = setUp({ failures: 1, windowSeconds: 60, webhookUrl: 'http://127.0.0.1:1/nobody', webhookTimeoutMs: 200 });
    down.fail('flaky', 1_000);
    await down.settle();
    expect(down.quarantined.map((entry) => entry.name)).toEqual(['flaky']);
  });
});
