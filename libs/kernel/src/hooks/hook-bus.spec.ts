import { BLOCK } from '@tessera/sdk';
import { describe, expect, it } from 'vitest';
import { HookBus } from './hook-bus.js';
import type { HookHandler } from './hook-handler.interface.js';

function handler(owner: string, hook: string, invoke: (payload: any) => unknown, options: Partial<HookHandler> = {}): HookHandler {
  return { owner, hook, kind: 'action', priority: 10, order: 0, timeoutMs: 1_000, invoke, ...options };
}

/** A bus whose handler failures are collected as `owner: message`. */
function reportingBus() {
  const bus = new HookBus();
  const reported: string[] = [];
  bus.onHandlerError((failed, error) => reported.push(`${failed.owner}: ${(error as Error).message}`));
  return { bus, reported };
}

describe('HookBus', () => {
  it('runs action handlers by priority, then by load order', async () => {
    const bus = new HookBus();
    const seen: string[] = [];
    bus.setHandlers('b', [handler('b', 'saved', () => seen.push('b:10'), { order: 1 })]);
    bus.setHandlers('a', [
      handler('a', 'saved', () => seen.push('a:10'), { order: 0 }),
      handler('a', 'saved', () => seen.push('a:1'), { order: 0, priority: 1 }),
    ]);
    await bus.emit('saved', {});
    expect(seen).toEqual(['a:1', 'a:10', 'b:10']);
  });

  it('keeps a failing or slow action handler away from the emitter and reports it', async () => {
    const { bus, reported } = reportingBus();
    const seen: string[] = [];
    bus.setHandlers('broken', [
      handler('broken', 'saved', () => {
        throw new Error('boom');
      }, { priority: 1 }),
      handler('broken', 'saved', () => new Promise(() => undefined), { priority: 2, timeoutMs: 20 }),
    ]);
    bus.setHandlers('fine', [handler('fine', 'saved', () => seen.push('fine'))]);
    await expect(bus.emit('saved', {})).resolves.toBeUndefined();
    expect(seen).toEqual(['fine']);
    expect(reported).toEqual(['broken: boom', expect.stringContaining('did not finish within 20 ms')]);
  });

  it('passes the payload through filters in order and stops at BLOCK', async () => {
    const bus = new HookBus();
    bus.setHandlers('rewrite', [handler('rewrite', 'msg', (m: string) => `${m}!`, { kind: 'filter', priority: 2 })]);
    bus.setHandlers('upper', [handler('upper', 'msg', (m: string) => m.toUpperCase(), { kind: 'filter', priority: 1 })]);
    expect(await bus.filter('msg', 'hi')).toBe('HI!');
    bus.setHandlers('block', [handler('block', 'msg', (m: string) => (m.includes('spam') ? BLOCK : m), { kind: 'filter', priority: 0 })]);
    expect(await bus.filter('msg', 'spam')).toBe(BLOCK);
    expect(await bus.filter('msg', 'ok')).toBe('OK!');
  });

  it('fails the operation when a filter throws, naming the plugin', async () => {
    const bus = new HookBus();
    bus.setHandlers('bad', [
      handler('bad', 'msg', () => {
        throw new Error('broken filter');
      }, { kind: 'filter' }),
    ]);
    await expect(bus.filter('msg', 'x')).rejects.toMatchObject({ code: 'HOOK_FILTER_FAILED', message: expect.stringContaining('"bad"') });
  });

  it('forgets an owner’s handlers when it is removed', async () => {
    const bus = new HookBus();
    const seen: string[] = [];
    bus.setHandlers('gone', [handler('gone', 'saved', () => seen.push('gone'))]);
    bus.removeOwner('gone');
    await bus.emit('saved', {});
    expect(seen).toEqual([]);
    expect(bus.handlersOf('saved', 'action')).toHaveLength(0);
  });

  it('times out each slow handler on its own deadline, and a late answer changes nothing', async () => {
    const { bus, reported } = reportingBus();
    const seen: string[] = [];
    bus.setHandlers('slow', [handler('slow', 'saved', () => new Promise((resolve) => setTimeout(() => resolve(seen.push('slow late')), 80)), { timeoutMs: 20 })]);
    bus.setHandlers('quick', [handler('quick', 'saved', async () => seen.push('quick'), { timeoutMs: 1_000, order: 1 })]);
    await bus.emit('saved', {});
    expect(seen).toEqual(['quick']);
    expect(reported).toEqual([expect.stringContaining('slow: Hook handler slow:saved did not finish within 20 ms')]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reported).toHaveLength(1);
  });

  it('stops the operation when an async filter runs past its time', async () => {
    const { bus, reported } = reportingBus();
    bus.setHandlers('sleepy', [handler('sleepy', 'msg', () => new Promise(() => undefined), { kind: 'filter', timeoutMs: 20 })]);
    await expect(bus.filter('msg', 'x')).rejects.toMatchObject({ code: 'HOOK_FILTER_FAILED', message: expect.stringContaining('did not finish within 20 ms') });
    expect(reported).toEqual([expect.stringMatching(/^sleepy: /)]);
  });

  it('times out a never-settling async handler among fast ones; the others still finish and the emit settles', async () => {
    const { bus, reported } = reportingBus();
    const seen: string[] = [];
    // All with the same time: the two that finished must not be taken for running when the hung one times out.
    bus.setHandlers('first', [handler('first', 'saved', async () => seen.push('first'), { order: 0, timeoutMs: 30 })]);
    bus.setHandlers('hung', [handler('hung', 'saved', () => new Promise(() => undefined), { order: 1, timeoutMs: 30 })]);
    bus.setHandlers('last', [handler('last', 'saved', () => new Promise((resolve) => setTimeout(() => resolve(seen.push('last')), 5)), { order: 2, timeoutMs: 30 })]);
    await expect(bus.emit('saved', {})).resolves.toBeUndefined();
    expect(seen).toEqual(['first', 'last']);
    expect(reported).toEqual(['hung: Hook handler hung:saved did not finish within 30 ms.']);
  });

  it('keeps waiting for a handler with more time when another one of the same emit times out', async () => {
    const { bus, reported } = reportingBus();
    const seen: string[] = [];
    bus.setHandlers('hung', [handler('hung', 'saved', () => new Promise(() => undefined), { timeoutMs: 20 })]);
    bus.setHandlers('slow', [handler('slow', 'saved', () => new Promise((resolve) => setTimeout(() => resolve(seen.push('slow')), 60)), { order: 1 })]);
    await bus.emit('saved', {});
    expect(seen).toEqual(['slow']);
    expect(reported).toEqual([expect.stringMatching(/^hung: /)]);
  });

  it('reports each rejecting async handler against its own plugin', async () => {
    const { bus, reported } = reportingBus();
    const seen: string[] = [];
    bus.setHandlers('a', [handler('a', 'saved', async () => Promise.reject(new Error('a broke')), { order: 0 })]);
    bus.setHandlers('b', [handler('b', 'saved', async () => seen.push('b'), { order: 1 })]);
    bus.setHandlers('c', [handler('c', 'saved', () => new Promise((_, reject) => setTimeout(() => reject(new Error('c broke')), 5)), { order: 2 })]);
    await expect(bus.emit('saved', {})).resolves.toBeUndefined();
    expect(seen).toEqual(['b']);
    expect(reported.sort()).toEqual(['a: a broke', 'c: c broke']);
  });

  it('reports a timeout and a later failure of the same emit once each', async () => {
    const { bus, reported } = reportingBus();
    bus.setHandlers('fine', [handler('fine', 'saved', async () => undefined, { order: 0 })]);
    bus.setHandlers('hung', [handler('hung', 'saved', () => new Promise(() => undefined), { order: 1, timeoutMs: 20 })]);
    bus.setHandlers('bad', [handler('bad', 'saved', () => new Promise((_, reject) => setTimeout(() => reject(new Error('bad broke')), 50)), { order: 2 })]);
    await expect(bus.emit('saved', {})).resolves.toBeUndefined();
    expect(reported).toEqual(['hung: Hook handler hung:saved did not finish within 20 ms.', 'bad: bad broke']);
  });

  it('passes the payload through async filters in order and stops at BLOCK', async () => {
    const bus = new HookBus();
    const reached: string[] = [];
    bus.setHandlers('upper', [handler('upper', 'msg', async (m: string) => m.toUpperCase(), { kind: 'filter', priority: 1 })]);
    bus.setHandlers('block', [handler('block', 'msg', async (m: string) => (m.includes('SPAM') ? BLOCK : `${m}!`), { kind: 'filter', priority: 2 })]);
    bus.setHandlers('last', [handler('last', 'msg', (m: string) => (reached.push(m), m), { kind: 'filter', priority: 3 })]);
    expect(await bus.filter('msg', 'hi')).toBe('HI!');
    expect(await bus.filter('msg', 'spam')).toBe(BLOCK);
    expect(reached).toEqual(['HI!']);
  });

  it('stops a chain whose second filter runs past its time; its late answer runs no further filter', async () => {
    const { bus, reported } = reportingBus();
    const reached: unknown[] = [];
    bus.setHandlers('quick', [handler('quick', 'msg', async (m: string) => `${m}+`, { kind: 'filter', priority: 1 })]);
    bus.setHandlers('late', [handler('late', 'msg', (m: string) => new Promise((resolve) => setTimeout(() => resolve(m), 60)), { kind: 'filter', priority: 2, timeoutMs: 20 })]);
    bus.setHandlers('after', [handler('after', 'msg', (m: string) => (reached.push(m), m), { kind: 'filter', priority: 3 })]);
    await expect(bus.filter('msg', 'x')).rejects.toMatchObject({ code: 'HOOK_FILTER_FAILED', message: expect.stringContaining('"late"') });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(reached).toEqual([]);
    expect(reported).toEqual([expect.stringMatching(/^late: /)]);
  });

  it('goes on once after a filter answering with a thenable that calls back twice', async () => {
    const bus = new HookBus();
    const reached: unknown[] = [];
    const twice = { then: (fulfil: (value: string) => void) => (fulfil('once'), fulfil('twice')) };
    bus.setHandlers('odd', [handler('odd', 'msg', () => twice, { kind: 'filter', priority: 1 })]);
    bus.setHandlers('after', [handler('after', 'msg', async (m: string) => (reached.push(m), m), { kind: 'filter', priority: 2 })]);
    expect(await bus.filter('msg', 'x')).toBe('once');
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(reached).toEqual(['once']);
  });

  it('runs synchronous handlers before emit returns', () => {
    const bus = new HookBus();
    const seen: string[] = [];
    bus.setHandlers('sync', [handler('sync', 'saved', () => seen.push('ran'))]);
    void bus.emit('saved', {});
    expect(seen).toEqual(['ran']);
  });
});

