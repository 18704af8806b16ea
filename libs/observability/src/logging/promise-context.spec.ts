import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { PromiseContext } from './promise-context.js';

describe('PromiseContext', () => {
  it('is seen by the callback and after each of its awaits, and not outside', async () => {
    const context = new PromiseContext<string>();
    const seen: Array<string | undefined> = [];
    await context.run('req-1', async () => {
      seen.push(context.get());
      await Promise.resolve();
      seen.push(context.get());
      await sleep(5);
      seen.push(context.get());
    });
    expect(seen).toEqual(['req-1', 'req-1', 'req-1']);
    expect(context.get()).toBeUndefined();
  });

  it('keeps concurrent runs apart while their awaits interleave', async () => {
    const context = new PromiseContext<string>();
    const serve = (id: string, delays: number[]) =>
      context.run(id, async () => {
        const seen: Array<string | undefined> = [];
        for (const delay of delays) {
          await sleep(delay);
          seen.push(context.get());
        }
        return seen;
      });
    const [first, second] = await Promise.all([serve('a', [8, 1, 6]), serve('b', [1, 9, 2])]);
    expect(first).toEqual(['a', 'a', 'a']);
    expect(second).toEqual(['b', 'b', 'b']);
  });

  it('follows then and catch callbacks, and restores the outer value after a nested run', async () => {
    const context = new PromiseContext<string>();
    const seen = await context.run('outer', () =>
      Promise.reject(new Error('refused'))
        .catch(() => context.get())
        .then(async (inCatch) => {
          const inner = await context.run('inner', async () => {
            await Promise.resolve();
            return context.get();
          });
          return [inCatch, inner, context.get()];
        }),
    );
    expect(seen).toEqual(['outer', 'inner', 'outer']);
  });

  it('is restored when the callback throws', () => {
    const context = new PromiseContext<string>();
    expect(() =>
      context.run('failing', () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(context.get()).toBeUndefined();
  });

  it('does not reach timer callbacks (documented limit: promises only)', async () => {
    const context = new PromiseContext<string>();
    const inTimer = await context.run(
      'req-2',
      () => new Promise<string | undefined>((resolve) => setTimeout(() => resolve(context.get()), 1)),
    );
    expect(inTimer).toBeUndefined();
  });
});
