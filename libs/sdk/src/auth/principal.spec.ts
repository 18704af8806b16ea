import { describe, expect, it } from 'vitest';
import { hasPermission, type Principal } from './principal.interface.js';

const holding = (...permissions: string[]): Principal => ({ id: 'p-1', kind: 'user', roles: [], permissions });

describe('hasPermission', () => {
  it('grants an exact permission, `*`, and a `prefix.*` wildcard', () => {
    expect(hasPermission(holding('users.read'), 'users.read')).toBe(true);
    expect(hasPermission(holding('*'), 'plugins.manage')).toBe(true);
    expect(hasPermission(holding('audit.read', 'users.*'), 'users.delete')).toBe(true);
  });

  it('refuses anything else, including look-alike prefixes and a missing principal', () => {
    expect(hasPermission(holding('users.read'), 'users.write')).toBe(false);
    expect(hasPermission(holding('users.*'), 'usersx.read')).toBe(false);
    expect(hasPermission(holding('users.*'), 'users')).toBe(false);
    expect(hasPermission(holding(), 'users.read')).toBe(false);
    expect(hasPermission(null, 'users.read')).toBe(false);
  });
});
