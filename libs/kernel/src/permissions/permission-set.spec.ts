import type { PermissionRule } from '@tessera/sdk';
import { describe, expect, it } from 'vitest';
import { PermissionDeniedError } from './permission-denied.exception.js';
import { PermissionSet } from './permission-set.js';
import { splitGrants } from './split-grants.js';

const allow = (resource: string, ...actions: string[]): PermissionRule => ({ resource, actions, effect: 'allow' });
const deny = (resource: string, ...actions: string[]): PermissionRule => ({ resource, actions, effect: 'deny' });

describe('PermissionSet globs', () => {
  it.each([
    ['db.*', 'db.users', true],
    ['db.*', 'db.users.read', true],
    ['db.*', 'db', false],
    ['db.*', 'dbx.users', false],
    ['db.*.read', 'db.users.read', true],
    ['db.*.read', 'db.users.profile.read', false],
    ['hook.user_*', 'hook.user_registered', true],
    ['hook.user_*', 'hook.user_registered.extra', false],
    ['hook.user_*', 'hook.order_paid', false],
    ['db.{users,posts}', 'db.posts', true],
    ['db.{users,posts}', 'db.comments', false],
    ['*', 'anything.at.all', true],
    ['plugin.audit', 'plugin.audit', true],
    ['plugin.audit', 'plugin.audit-log', false],
    ['plugin.audit', 'plugin.audit.extra', false],
  ])('%s on %s: %s', (resource, asked, expected) => {
    expect(new PermissionSet([allow(resource, 'read')]).can(asked, 'read')).toBe(expected);
  });
});

describe('PermissionSet decisions', () => {
  it('allows only the declared actions, or any action with *', () => {
    const permissions = new PermissionSet([allow('cache.*', 'read'), allow('plugin.audit', '*')]);
    expect(permissions.can('cache.users', 'read')).toBe(true);
    expect(permissions.can('cache.users', 'write')).toBe(false);
    expect(permissions.can('plugin.audit', 'call')).toBe(true);
  });

  it('denies what no rule covers', () => {
    expect(new PermissionSet([]).can('db.users', 'read')).toBe(false);
    expect(new PermissionSet([allow('db.*', 'read')]).can('cache.users', 'read')).toBe(false);
  });

  it('lets deny win over allow, in either order', () => {
    for (const rules of [
      [allow('db.*', 'read', 'write'), deny('db.secrets', '*')],
      [deny('db.secrets', '*'), allow('db.*', 'read', 'write')],
    ]) {
      const permissions = new PermissionSet(rules);
      expect(permissions.can('db.secrets', 'read')).toBe(false);
      expect(permissions.can('db.users', 'read')).toBe(true);
    }
  });

  it('denies only the actions a deny rule lists', () => {
    const permissions = new PermissionSet([allow('db.*', 'read', 'write'), deny('db.audit', 'write')]);
    expect(permissions.can('db.audit', 'read')).toBe(true);
    expect(permissions.can('db.audit', 'write')).toBe(false);
  });

  it('gives the same answers when asked again (answers are memoised)', () => {
    const permissions = new PermissionSet([allow('cache.*', 'read'), deny('cache.private', 'read')]);
    for (let round = 0; round < 3; round++) {
      expect(permissions.can('cache.users', 'read')).toBe(true);
      expect(permissions.can('cache.private', 'read')).toBe(false);
    }
    // More distinct questions than the memo holds still get correct answers.
    for (let id = 0; id < 3000; id++) expect(permissions.can(`cache.users.${id}`, 'read')).toBe(true);
    expect(permissions.can('cache.private', 'read')).toBe(false);
  });

  it('explains its answers', () => {
    const permissions = new PermissionSet([allow('db.*', 'read'), deny('db.secrets', '*')]);
    expect(permissions.explain('db.users', 'read')).toBe('db.users read: allowed by { resource: "db.*", actions: [read], effect: allow }');
    expect(permissions.explain('db.secrets', 'read')).toBe(
      'db.secrets read: denied by { resource: "db.secrets", actions: [*], effect: deny } (deny wins over allow)',
    );
    expect(permissions.explain('cache.x', 'write')).toBe(
      'cache.x write: denied, no permission covers it; declare { resource: "cache.x", actions: [write] } in plugin.yaml or ask an admin to grant it',
    );
  });
});

describe('splitGrants', () => {
  it('separates the optional permissions from those granted at install', () => {
    const required = allow('db.*', 'read');
    const optional: PermissionRule = { ...allow('cache.*', 'write'), optional: true };
    const notOptional: PermissionRule = { ...allow('plugin.audit', 'call'), optional: false };
    expect(splitGrants([required, optional, notOptional])).toEqual({ granted: [required, notOptional], optional: [optional] });
  });
});

describe('PermissionDeniedError', () => {
  it('is a 403 PLUGIN_PERMISSION_DENIED that says how to get the permission', () => {
    const error = new PermissionDeniedError('users', 'cache.users', 'write');
    expect(error.code).toBe('PLUGIN_PERMISSION_DENIED');
    expect(error.status).toBe(403);
    expect(error.message).toBe(
      'Plugin "users" may not write "cache.users". Add { resource: "cache.users", actions: [write] } to permissions ' +
        'in its plugin.yaml, or ask an admin to grant it (PUT /api/v1/plugins/users/permissions).',
    );
    expect(error.toBody().details).toEqual({ plugin: 'users', resource: 'cache.users', action: 'write' });
  });
});
