import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheService } from './cache.service.js';
import { createCacheService } from './cache-service.factory.js';

// The memory store always; Redis too when REDIS_URL is set. Each test writes under its own random
// key prefix, so parallel runs on a shared Redis never see each other's keys.
const stores = [
  { store: 'memory', redisUrl: undefined },
  ...(process.env.REDIS_URL ? [{ store: 'redis', redisUrl: process.env.REDIS_URL }] : []),
];

describe.each(stores)('CacheService on $store', ({ store, redisUrl }) => {
  const open: CacheService[] = [];
  const newCache = async (options: { defaultTtlSeconds?: number; keyPrefix?: string } = {}) => {
    const cache = await createCacheService({ redisUrl, keyPrefix: `test-${randomUUID()}:`, ...options });
    open.push(cache);
    return cache;
  };
  let cache: CacheService;

  beforeEach(async () => {
    cache = await newCache();
  });

  afterEach(async () => {
    for (const each of open.splice(0)) {
      await each.clear();
      await each.close();
    }
  });

  it('stores, reads, overwrites and deletes values of any JSON shape', async () => {
    const user = { id: 7, name: 'Ada', roles: ['admin'], profile: { active: true, manager: null } };
    await cache.set('user:7', user);
    await cache.set('count', 3);
    await cache.set('word', ':colon-led string');
    await cache.set('flags', [true, false]);

    expect(await cache.get('user:7')).toEqual(user);
    expect(await cache.get('count')).toBe(3);
    expect(await cache.get('word')).toBe(':colon-led string');
    expect(await cache.get('flags')).toEqual([true, false]);
    expect(await cache.get('missing')).toBeUndefined();

    await cache.set('count', 4);
    expect(await cache.get('count')).toBe(4);

    await cache.del('count');
    await cache.del('never-set');
    expect(await cache.get('count')).toBeUndefined();
    expect(await cache.get('user:7')).toEqual(user);
  });

  it('tells whether a key exists', async () => {
    await cache.set('present', 0);
    expect(await cache.exists('present')).toBe(true);
    expect(await cache.exists('absent')).toBe(false);
    await cache.del('present');
    expect(await cache.exists('present')).toBe(false);
  });

  it('expires entries after their ttl, and after the default ttl when none is given', async () => {
    const withDefault = await newCache({ defaultTtlSeconds: 1 });
    await cache.set('short', 'gone soon', 1);
    await cache.set('kept', 'stays');
    await withDefault.set('by-default', 'gone soon');
    await withDefault.set('explicit', 'stays', 60);
    expect(await cache.get('short')).toBe('gone soon');

    await sleep(1_100);

    expect(await cache.get('short')).toBeUndefined();
    expect(await cache.exists('short')).toBe(false);
    expect(await cache.get('kept')).toBe('stays');
    expect(await withDefault.exists('by-default')).toBe(false);
    expect(await withDefault.get('explicit')).toBe('stays');
  });

  it('refuses a ttl that is not a positive number of seconds', async () => {
    await expect(cache.set('k', 1, 0)).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    await expect(cache.set('k', 1, -5)).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(await cache.exists('k')).toBe(false);
  });

  it('throws a value it cannot store to the caller instead of hiding it as an outage', async () => {
    await expect(cache.set('big', { n: 10n })).rejects.toThrow();
    expect(await cache.health()).toEqual({ status: 'up', store });
  });

  it('deletes by pattern only the matching keys and returns how many', async () => {
    const keys = ['users:list:1', 'users:list:22', 'users:listing', 'users:item:1', 'orders:list:1', 'q1', 'q12', 'a.b', 'axb', 'k[1]', 'k1', 'x+y', 'xxy'];
    for (const key of keys) await cache.set(key, key);

    expect(await cache.deleteByPattern('users:list:*')).toBe(2);
    expect(await cache.deleteByPattern('q?')).toBe(1);
    expect(await cache.deleteByPattern('a.b')).toBe(1);
    expect(await cache.deleteByPattern('k[1]')).toBe(1);
    expect(await cache.deleteByPattern('x+y')).toBe(1);
    expect(await cache.deleteByPattern('nothing:*')).toBe(0);

    const left = [];
    for (const key of keys) if (await cache.exists(key)) left.push(key);
    expect(left).toEqual(['users:listing', 'users:item:1', 'orders:list:1', 'q12', 'axb', 'k1', 'xxy']);
  });

  it('keeps namespaces apart, prefixes their keys and nests them', async () => {
    const users = cache.namespace('users');
    const orders = cache.namespace('orders');
    await users.set('42', 'user 42');
    await orders.set('42', 'order 42');

    expect(await users.get('42')).toBe('user 42');
    expect(await orders.get('42')).toBe('order 42');
    expect(await cache.get('users:42')).toBe('user 42');
    expect(await orders.exists('missing')).toBe(false);

    const sessions = users.namespace('sessions');
    await sessions.set('s1', { userId: 42 });
    expect(await cache.get('users:sessions:s1')).toEqual({ userId: 42 });
    expect(await users.get('sessions:s1')).toEqual({ userId: 42 });

    await orders.del('42');
    expect(await users.get('42')).toBe('user 42');
  });

  it('clears a namespace and deletes by pattern inside it without touching any key outside', async () => {
    const users = cache.namespace('users');
    const lookalike = cache.namespace('users2');
    await users.set('a', 1);
    await users.set('list:1', 1);
    await users.namespace('sessions').set('s1', 1);
    await lookalike.set('a', 2);
    await cache.set('users', 'root key named like the namespace');
    await cache.set('other:list:1', 3);

    expect(await users.deleteByPattern('*list:*')).toBe(1);
    expect(await cache.exists('other:list:1')).toBe(true);

    await users.clear();
    expect(await users.exists('a')).toBe(false);
    expect(await users.namespace('sessions').exists('s1')).toBe(false);
    expect(await lookalike.get('a')).toBe(2);
    expect(await cache.get('users')).toBe('root key named like the namespace');
    expect(await cache.exists('other:list:1')).toBe(true);
  });

  it('refuses namespace names that could leak out of their key space', () => {
    for (const name of ['Users', '', 'a:b', 'a*', 'a?', '-users', '_users', 'a b']) {
      expect(() => cache.namespace(name), name).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR' }));
    }
    expect(() => cache.namespace('user-accounts_2')).not.toThrow();
  });

  it('keeps apps with different key prefixes apart on the same store', async () => {
    const other = await newCache();
    await cache.set('shared-name', 'mine');
    await other.set('shared-name', 'theirs');
    await other.clear();
    expect(await cache.get('shared-name')).toBe('mine');
    expect(await other.exists('shared-name')).toBe(false);
  });

  it('reports its health and bypasses the cache once closed', async () => {
    expect(await cache.health()).toEqual({ status: 'up', store });
    await cache.set('k', 1);
    await cache.clear();
    await cache.close();
    await cache.close();

    await expect(cache.set('k', 2)).resolves.toBeUndefined();
    expect(await cache.get('k')).toBeUndefined();
    expect(await cache.health()).toMatchObject({ status: 'degraded', store });
  });
});
