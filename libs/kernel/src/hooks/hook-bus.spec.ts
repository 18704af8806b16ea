import { BLOCK } from '@tessera/sdk';
import { describe, expect, it } from 'vitest';
import { HookBus } from './hook-bus.js';
import type { HookHandler } from './hook-handler.interface.js';

function handler(owner: string, hook: string, invoke: (payload: any) => unknown, options: Partial<HookHandler> = {}): HookHandler {
  return { owner, hook, kind: 'action', priority: 10, order: 0, timeoutMs: 1_000, invoke, ...options };
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
    const bus = new HookBus();
    const reported: string[] = [];
    bus.onHandlerError((failed, error) => reported.push(`${failed.owner}: ${(error as Error).message}`));
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
    const bus = new HookBus();
    const reported: string[] = [];
    bus.onHandlerError((failed, error) => reported.push(`${failed.owner}: ${(error as Error).message}`));
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
    const bus = new HookBus();
    const reported: string[] = [];
    bus.onHandlerError((failed) => reported.push(failed.owner));
    bus.setHandlers('sleepy', [handler('sleepy', 'msg', () => new Promise(() => undefined), { kind: 'filter', timeoutMs: 20 })]);
    await expect(bus.filter('msg', 'x')).rejects.toMatchObject({ code: 'HOOK_FILTER_FAILED', message: expect.stringContaining('did not finish within 20 ms') });
    expect(reported).toEqual(['sleepy']);
  });

  it('runs synchronous handlers before emit returns', () => {
    const bus = new HookBus();
    const seen: string[] = [];
    bus.setHandlers('sync', [handler('sync', 'saved', () => seen.push('ran'))]);
    void bus.emit('saved', {});
    expect(seen).toEqual(['ran']);
  });
});

