import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { VerifiedTokenCache } from './verified-token.cache.js';

describe('VerifiedTokenCache', () => {
  it('forgets a token at its exp', () => {
    const cache = new VerifiedTokenCache<{ exp: number }>(10);
    cache.set('t', { exp: 100 }, 100);
    expect(cache.get('t', 99)).toEqual({ exp: 100 });
    expect(cache.get('t', 100)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used token beyond its bound', () => {
    const cache = new VerifiedTokenCache<{ exp: number }>(2);
    cache.set('a', { exp: 1e12 }, 1e12);
    cache.set('b', { exp: 1e12 }, 1e12);
    cache.get('a');
    cache.set('c', { exp: 1e12 }, 1e12);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
  });

  it('keeps the most recently used tokens of a larger cache when it overflows', () => {
    const cache = new VerifiedTokenCache<{ exp: number }>(4);
    for (const token of ['a', 'b', 'c', 'd']) cache.set(token, { exp: 1e12 }, 1e12);
    cache.get('a');
    cache.get('b');
    cache.set('e', { exp: 1e12 }, 1e12);
    cache.set('f', { exp: 1e12 }, 1e12);
    expect(['a', 'b', 'c', 'd', 'e', 'f'].filter((token) => cache.get(token) !== undefined)).toEqual(['a', 'b', 'e', 'f']);
  });

  it('finds a token only by all of it, even when two tokens end alike', () => {
    const cache = new VerifiedTokenCache<{ exp: number }>(10);
    const ending = 'x'.repeat(40);
    cache.set(`header.payload-one.${ending}`, { exp: 1e12 }, 1e12);
    expect(cache.get(`header.payload-two.${ending}`)).toBeUndefined();
    expect(cache.get(`header.payload-one.${ending}`)).toEqual({ exp: 1e12 });
    cache.set(`header.payload-two.${ending}`, { exp: 2e12 }, 2e12);
    expect(cache.get(`header.payload-two.${ending}`)).toEqual({ exp: 2e12 });
    expect(cache.get(`header.payload-one.${ending}`)).toBeUndefined();
  });

  it('keeps thousands of tokens with random signatures apart', () => {
    const cache = new VerifiedTokenCache<number>(5_000);
    const tokens = Array.from({ length: 5_000 }, (_, index) => `header.payload-${index}.${randomBytes(32).toString('base64url')}`);
    tokens.forEach((token, index) => cache.set(token, index, 1e12));
    expect(tokens.filter((token, index) => cache.get(token) === index).length).toBeGreaterThanOrEqual(4_999);
  });

  it('keeps nothing when its size is 0', () => {
    const cache = new VerifiedTokenCache<{ exp: number }>(0);
    cache.set('a', { exp: 1e12 }, 1e12);
    expect(cache.get('a')).toBeUndefined();
  });
});
