import { describe, expect, it } from 'vitest';
import { emitRules, maskedEnv, maskedSchema } from './plugin-views.js';

describe('plugin views', () => {
  it('masks env values whose key looks secret, keeps the others and empty values', () => {
    expect(maskedEnv({ JWT_SECRET: 's3cr3t', API_TOKEN: 't', db_password: 'p', SIGNING_KEY: 'k', MODE: 'fast', EMPTY_TOKEN: '' })).toEqual({
      JWT_SECRET: '********',
      API_TOKEN: '********',
      db_password: '********',
      SIGNING_KEY: '********',
      MODE: 'fast',
      EMPTY_TOKEN: '',
    });
  });

  it('masks the default of a secret config key only', () => {
    const schema = maskedSchema({ api_key: { type: 'string', secret: true, default: 'abc' }, token: { type: 'string', secret: true }, size: { type: 'integer', default: 3 } });
    expect(schema).toEqual({ api_key: { type: 'string', secret: true, default: '********' }, token: { type: 'string', secret: true }, size: { type: 'integer', default: 3 } });
  });

  it('reads the hooks a plugin may and may not emit from its granted rules', () => {
    const rules = emitRules([
      { resource: 'hook.probe_*', actions: ['emit'], effect: 'allow' },
      { resource: 'hook.probe_forbidden', actions: ['emit'], effect: 'deny' },
      { resource: 'hook.all_of_them', actions: ['*'], effect: 'allow' },
      { resource: 'cache.*', actions: ['read'], effect: 'allow' },
      { resource: 'hook.listen_only', actions: ['subscribe'], effect: 'allow' },
    ]);
    expect(rules).toEqual({ allowed: ['probe_*', 'all_of_them'], denied: ['probe_forbidden'] });
  });
});
