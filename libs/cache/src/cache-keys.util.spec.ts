import { describe, expect, it } from 'vitest';
import { compileKeyPattern, namespacePrefix } from './cache-keys.util.js';

describe('compileKeyPattern', () => {
  it('matches * as any run of characters and ? as exactly one, over whole keys', () => {
    const { regex } = compileKeyPattern('app:', 'users:list:*');
    expect(regex.test('app:users:list:')).toBe(true);
    expect(regex.test('app:users:list:1:page:2')).toBe(true);
    expect(regex.test('app:users:listing')).toBe(false);
    expect(regex.test('other:app:users:list:1')).toBe(false);

    const one = compileKeyPattern('', 'v?').regex;
    expect(['v1', 'vé', 'v', 'v12'].map((key) => one.test(key))).toEqual([true, true, false, false]);
  });

  it('treats every other character literally, in the prefix too', () => {
    const { regex } = compileKeyPattern('a.b:', '(x)+[y]{2}|^$\\');
    expect(regex.test('a.b:(x)+[y]{2}|^$\\')).toBe(true);
    expect(regex.test('axb:(x)+[y]{2}|^$\\')).toBe(false);
    expect(regex.test('a.b:xx[y]yy')).toBe(false);
  });

  it('writes the same pattern in Redis glob syntax, escaping what Redis treats as special', () => {
    expect(compileKeyPattern('tessera:users:', 'list:*').redisMatch).toBe('tessera:users:list:*');
    expect(compileKeyPattern('p[1]*:', 'a?\\b[c]').redisMatch).toBe('p\\[1\\]\\*:a?\\\\b\\[c\\]');
  });

  it('refuses an empty pattern', () => {
    expect(() => compileKeyPattern('p:', '')).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR' }));
  });
});

describe('namespacePrefix', () => {
  it('appends the name and a colon to the parent prefix', () => {
    expect(namespacePrefix('tessera:', 'users')).toBe('tessera:users:');
    expect(namespacePrefix('tessera:users:', 'sessions_v2')).toBe('tessera:users:sessions_v2:');
  });
});
