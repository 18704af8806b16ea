import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import { BLOCK } from '@tessera/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootPlugin } from './boot-plugin.js';
import type { PluginHarness } from './plugin-harness.js';

const FIXTURES = [fileURLToPath(new URL('../../../test/fixtures/plugins', import.meta.url))];
const OWN_FIXTURES = [fileURLToPath(new URL('../fixtures/plugins', import.meta.url))];
// The broken fixture's failure is expected: keep its error line out of the test output.
const QUIET = { logLevel: 'silent' } as const;

describe('bootPlugin: hello', () => {
  let plugin: PluginHarness;

  beforeAll(async () => {
    plugin = await bootPlugin('hello');
  });

  afterAll(async () => {
    await plugin?.close();
  });

  it('boots the plugin active and lists what it registered', () => {
    expect(plugin.record.state).toBe('active');
    expect(plugin.registered()).toEqual({
      endpoints: expect.arrayContaining([
        { method: 'GET', path: '/plugins/hello/hello' },
        { method: 'GET', path: '/plugins/hello/hello/welcomed' },
      ]),
      hooks: ['user_registered'],
      filters: [],
      actions: ['greet'],
      tasks: [],
    });
  });

  it('serves its endpoint through the host', async () => {
    const first = await plugin.http().get('/plugins/hello/hello?name=Ada').expect(200);
    expect(first.body).toEqual({ success: true, data: { message: 'Hello, Ada!', count: expect.any(Number) } });
    const second = await plugin.http().get('/plugins/hello/hello?name=Ada').expect(200);
    expect(second.body.data.count).toBe(first.body.data.count + 1);
  });

  it('delivers an emitted hook to the plugin, which shows it over HTTP', async () => {
    await plugin.emit('user_registered', { username: 'ada' });
    const response = await plugin.http().get('/plugins/hello/hello/welcomed').expect(200);
    expect(response.body).toEqual({ success: true, data: ['ada'] });
  });

  it('answers a call to its action, and names its actions for an unknown one', async () => {
    await expect(plugin.call('greet', { name: 'Ada' })).resolves.toEqual({ ok: true, data: { message: 'Hello, Ada!' } });
    await expect(plugin.call('wave')).resolves.toEqual({ ok: false, error: { code: 'ACTION_NOT_FOUND', message: expect.stringContaining('greet') } });
  });

  it("keeps the plugin's log lines", () => {
    expect(plugin.logs().map((line) => line.message)).toContain('hello is ready; greeting "Hello"');
  });
});

describe('bootPlugin: moderation', () => {
  let plugin: PluginHarness;

  beforeAll(async () => {
    plugin = await bootPlugin('moderation');
  });

  afterAll(async () => {
    await plugin?.close();
  });

  it('runs its filters: a banned word blocks, a rude one is masked', async () => {
    expect(plugin.registered().filters).toEqual(['message_sent']);
    await expect(plugin.filter('message_sent', { author: 'ada', text: 'buy spam' })).resolves.toBe(BLOCK);
    await expect(plugin.filter('message_sent', { author: 'ada', text: 'what the heck' })).resolves.toEqual({ author: 'ada', text: 'what the ****' });
  });
});

describe('bootPlugin: stored config', () => {
  it('boots the plugin with the config stored before boot', async () => {
    const plugin = await bootPlugin('hello', { config: { greeting: 'Hi' } });
    try {
      await expect(plugin.call('greet', { name: 'Ada' })).resolves.toEqual({ ok: true, data: { message: 'Hi, Ada!' } });
      const response = await plugin.http().get('/plugins/hello/hello?name=Ada').expect(200);
      expect(response.body.data.message).toBe('Hi, Ada!');
      expect(plugin.logs().map((line) => line.message)).toEqual(['hello is ready; greeting "Hi"']);
    } finally {
      await plugin.close();
    }
  });
});

describe('bootPlugin: tokens', () => {
  let plugin: PluginHarness;

  beforeAll(async () => {
    plugin = await bootPlugin('kernel-probe', { pluginDirs: FIXTURES });
  });

  afterAll(async () => {
    await plugin?.close();
  });

  it("gives tokens the plugin's guard chain accepts for the permissions they hold", async () => {
    const reader = await plugin.tokenFor({ permissions: ['probe.read'] });
    const stranger = await plugin.tokenFor({ permissions: ['users.read'], roles: ['support'] });
    await plugin.http().get('/plugins/kernel-probe/probe/secure').expect(401);
    await plugin.http().get('/plugins/kernel-probe/probe/secure').set('authorization', `Bearer ${stranger}`).expect(403);
    const response = await plugin.http().get('/plugins/kernel-probe/probe/secure').set('authorization', `Bearer ${reader}`).expect(200);
    expect(response.body).toEqual({ success: true, data: 'secret' });
  });
});

describe('bootPlugin: environment', () => {
  it("gives the plugin the variables its plugin.yaml reads, then puts the process's back", async () => {
    const plugin = await bootPlugin('env-echo', { pluginDirs: OWN_FIXTURES, env: { TESSERA_TESTING_TARGET: 'Ada' } });
    try {
      expect(process.env.TESSERA_TESTING_TARGET).toBeUndefined();
      await expect(plugin.call('env')).resolves.toEqual({ ok: true, data: { TARGET: 'Ada' } });
    } finally {
      await plugin.close();
    }
  });
});

describe('bootPlugin: a broken plugin', () => {
  it('returns the harness in state error with allowError', async () => {
    const plugin = await bootPlugin('throws-on-load', { pluginDirs: FIXTURES, allowError: true, host: QUIET });
    try {
      expect(plugin.record.state).toBe('error');
      expect(plugin.record.error).toEqual({ code: 'PLUGIN_STARTUP_FAILED', message: expect.stringContaining('the upstream service this plugin needs is unreachable') });
      expect(plugin.registered().endpoints).toEqual([]);
      await plugin.http().get('/health').expect(200);
    } finally {
      await plugin.close();
    }
  });

  it("throws the plugin's code and message without allowError", async () => {
    await expect(bootPlugin('throws-on-load', { pluginDirs: FIXTURES, host: QUIET })).rejects.toMatchObject({
      name: 'PluginBootError',
      code: 'PLUGIN_STARTUP_FAILED',
      message: expect.stringContaining('the upstream service this plugin needs is unreachable'),
    });
  });

  it('throws PLUGIN_NOT_FOUND for a name that is in no plugin folder', async () => {
    await expect(bootPlugin('no-such-plugin', { pluginDirs: FIXTURES })).rejects.toMatchObject({ code: 'PLUGIN_NOT_FOUND' });
  });
});
