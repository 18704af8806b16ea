import { ActionError } from '@tessera/sdk';
import { describe, expect, it } from 'vitest';
import { ActionRouter } from './action-router.js';

describe('ActionRouter', () => {
  const router = new ActionRouter();
  router.setActions('users', [
    { plugin: 'users', name: 'get', invoke: (payload: any) => ({ id: payload.id }) },
    { plugin: 'users', name: 'missing', invoke: () => { throw new ActionError('not_found', 'no such user'); } },
    { plugin: 'users', name: 'crash', invoke: () => { throw new Error('database down'); } },
    { plugin: 'users', name: 'hang', invoke: () => new Promise(() => undefined) },
  ]);

  it('answers ok with the handler’s data', async () => {
    expect(await router.call('users', 'get', { id: '7' })).toEqual({ ok: true, data: { id: '7' } });
  });

  it('answers each failure with its code and never throws', async () => {
    expect(await router.call('ghost', 'get', {})).toMatchObject({ ok: false, error: { code: 'PLUGIN_NOT_FOUND' } });
    expect(await router.call('users', 'nope', {})).toMatchObject({ ok: false, error: { code: 'ACTION_NOT_FOUND', message: expect.stringContaining('get') } });
    expect(await router.call('users', 'missing', {})).toEqual({ ok: false, error: { code: 'not_found', message: 'no such user' } });
    expect(await router.call('users', 'crash', {})).toMatchObject({ ok: false, error: { code: 'ACTION_FAILED', message: expect.stringContaining('database down') } });
    expect(await router.call('users', 'hang', {}, { timeoutMs: 20 })).toMatchObject({ ok: false, error: { code: 'PLUGIN_COMMUNICATION_TIMEOUT' } });
  });

  it('stops routing to a removed plugin', async () => {
    const local = new ActionRouter();
    local.setActions('a', [{ plugin: 'a', name: 'x', invoke: () => 1 }]);
    local.removePlugin('a');
    expect(await local.call('a', 'x')).toMatchObject({ ok: false, error: { code: 'PLUGIN_NOT_FOUND' } });
  });
});
