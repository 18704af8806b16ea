import { describe, expect, it } from 'vitest';
import type { PluginLoader } from '../loader/plugin-loader.service.js';
import type { PluginRecord } from '../loader/plugin-record.js';
import type { PluginUnit, UnitHealthCheck } from '../unit/plugin-unit.interface.js';
import { PluginHealthService } from './plugin-health.service.js';
import { PluginActivity } from '../activity/plugin-activity.js';
import { PluginLifecycleEvents } from '../lifecycle/plugin-lifecycle-events.js';

const NOW = Date.UTC(2026, 10, 20, 12, 0, 30);

function record(name: string, state: PluginRecord['state'], checks: UnitHealthCheck[] = []): PluginRecord {
  const unit = { name, healthChecks: checks } as unknown as PluginUnit;
  return { name, dir: '', warnings: [], state, order: 0, unit: state === 'active' ? unit : undefined, activatedAt: new Date(NOW - 90_000) };
}

function service(records: PluginRecord[], options: { checkTimeoutMs?: number } = {}) {
  const loader = { get: (name: string) => records.find((r) => r.name === name), list: () => records } as unknown as PluginLoader;
  const activity = new PluginActivity();
  const events = new PluginLifecycleEvents();
  return { health: new PluginHealthService(loader, activity, events, { ...options, now: () => NOW }), activity, events };
}

const up: UnitHealthCheck = { name: 'upstream', run: async () => ({ status: 'up', details: { latency_ms: 3 } }) };
const down: UnitHealthCheck = { name: 'queue', run: async () => ({ status: 'down', details: { depth: 900 } }) };
const throws: UnitHealthCheck = { name: 'disk', run: async () => Promise.reject(new Error('EACCES: /var/data')) };
const hangs: UnitHealthCheck = { name: 'remote', run: () => new Promise(() => undefined) };
const garbage: UnitHealthCheck = { name: 'odd', run: async () => 'fine' as never };

describe('PluginHealthService', () => {
  it('reports an active plugin whose checks pass as up, with uptime and error rate', async () => {
    const { health } = service([record('users', 'active', [up])]);
    expect(await health.check('users')).toEqual({
      plugin: 'users',
      status: 'up',
      state: 'active',
      error: null,
      quarantine: null,
      uptime_seconds: 90,
      error_rate: 0,
      checks: [{ name: 'upstream', status: 'up', details: { latency_ms: 3 } }],
    });
  });

  it('turns a check that is down, throws, hangs or answers nonsense into down with the reason: the plugin is degraded', async () => {
    const { health } = service([record('users', 'active', [up, down, throws, hangs, garbage])], { checkTimeoutMs: 50 });
    const result = await health.check('users');
    expect(result.status).toBe('degraded');
    expect(result.checks).toEqual([
      { name: 'upstream', status: 'up', details: { latency_ms: 3 } },
      { name: 'queue', status: 'down', details: { depth: 900 } },
      { name: 'disk', status: 'down', details: {}, error: 'EACCES: /var/data' },
      { name: 'remote', status: 'down', details: {}, error: 'The check did not answer within 50 ms.' },
      { name: 'odd', status: 'down', details: {}, error: `The check returned "fine" instead of { status: 'up' | 'down' }.` },
    ]);
  });

  it('calls an active plugin degraded when a tenth or more of its recent requests failed, until it is activated again', async () => {
    const users = record('users', 'active');
    const { health, activity, events } = service([users]);
    const answer = (status: number, at = NOW) => activity.request({ plugin: 'users', method: 'GET', route: '/x', status, seconds: 0.001, at });
    answer(500, NOW - 6 * 60_000);
    for (let i = 0; i < 9; i++) answer(i < 2 ? 404 : 200);
    answer(503);
    expect(await health.check('users')).toMatchObject({ status: 'degraded', error_rate: 0.1 });
    await events.activated(users, users.unit!, () => undefined);
    answer(200);
    expect(await health.check('users')).toMatchObject({ status: 'up', error_rate: 0 });
  });

  it('reports plugins that do not serve as down: quarantined, disabled, failed', async () => {
    const quarantined = record('flaky', 'active', [up]);
    quarantined.quarantine = { since: new Date(NOW - 5_000), reason: '20 failures within 60 s' };
    const failed = { ...record('broken', 'error'), error: { code: 'PLUGIN_STARTUP_FAILED', message: 'no upstream' } };
    const { health } = service([quarantined, record('off', 'inactive'), failed]);
    expect(await health.check('flaky')).toMatchObject({
      status: 'down',
      quarantine: { since: new Date(NOW - 5_000).toISOString(), reason: '20 failures within 60 s' },
      checks: [{ name: 'upstream', status: 'up' }],
    });
    expect(await health.check('off')).toMatchObject({ status: 'down', state: 'inactive', uptime_seconds: null, checks: [] });
    expect(await health.check('broken')).toMatchObject({ status: 'down', state: 'error', error: { code: 'PLUGIN_STARTUP_FAILED', message: 'no upstream' } });
  });

  it('answers PLUGIN_NOT_FOUND for a name that is not installed', async () => {
    await expect(service([]).health.check('ghost')).rejects.toMatchObject({ code: 'PLUGIN_NOT_FOUND' });
  });

  it('gives /health/ready degraded, never down, naming failed, quarantined and failing plugins; disabled ones are no fault', async () => {
    const quarantined = record('flaky', 'active');
    quarantined.quarantine = { since: new Date(NOW), reason: 'x' };
    const healthy = service([record('users', 'active', [up]), record('off', 'inactive')]);
    expect(await healthy.health.readiness()).toEqual({ status: 'up', active: 1, failed: [], quarantined: [], failing_checks: [] });
    const troubled = service([record('users', 'active', [up, throws]), quarantined, record('broken', 'error')]);
    expect(await troubled.health.readiness()).toEqual({ status: 'degraded', active: 1, failed: ['broken'], quarantined: ['flaky'], failing_checks: ['users/disk'] });
  });
});
