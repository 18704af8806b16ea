import { promiseHooks } from 'node:v8';

/**
 * A value that follows the code it is set for, synchronously and through every `await`,
 * `then` and `catch` that code starts: what AsyncLocalStorage does, for promises only.
 *
 * Why not AsyncLocalStorage: on Node 20 it enables an async_hooks init hook that runs for
 * every async resource the process creates, store or no store. An HTTP request makes about
 * ten of Node's own (`process.nextTick`s of its streams, a socket timer), and the hook made
 * each one ~1,000 instructions dearer: measured on these machines, 3.5 µs of CPU per request
 * on a public plugin endpoint, 11 % of what a bare Nest request costs in all (see
 * docs/BENCHMARKS.md). V8's promise hooks run for promises only; a request served by a
 * synchronous handler makes none, and Nest's asynchronous ones make a handful.
 *
 * `v8.promiseHooks` is marked experimental in Node's documentation; it is the interface
 * Node's own async_hooks have been built on since Node 16, and promise-context.spec.ts pins
 * what this class relies on (concurrent requests stay apart across awaits).
 *
 * The price of that choice: a callback scheduled with `setTimeout`, `setImmediate`,
 * `process.nextTick` or an event emitter does not see the value (the promise it resolves
 * does, through its `then`). docs/operations.md ("Logs") and docs/plugin-guide.md say so.
 *
 * @example
 * const context = new PromiseContext<string>();
 * await context.run('req-7', async () => {
 *   await somethingSlow();
 *   context.get(); // 'req-7'
 * });
 * context.get(); // undefined
 */
export class PromiseContext<T> {
  private current: T | undefined;
  // What was current before each promise callback now running; V8 pairs every `before`
  // with an `after`, and promise callbacks never nest, so this holds at most a few.
  private readonly saved: Array<T | undefined> = [];
  private readonly key = Symbol('PromiseContext');
  private installed = false;

  /** The value of the innermost `run` the calling code descends from, if any. */
  get(): T | undefined {
    return this.current;
  }

  /** Calls `callback` with `value` current, for it and every promise callback it starts. */
  run<R>(value: T, callback: () => R): R {
    if (!this.installed) this.install();
    const previous = this.current;
    this.current = value;
    try {
      return callback();
    } finally {
      this.current = previous;
    }
  }

  // On first use, like AsyncLocalStorage: a process that never runs anything in a context
  // pays nothing for promises.
  private install(): void {
    this.installed = true;
    const key = this.key;
    promiseHooks.createHook({
      // A promise remembers the value current where it was made: for `then` and `await`,
      // that is where the code waiting on it was.
      init: (promise) => {
        if (this.current !== undefined) (promise as unknown as Record<symbol, T>)[key] = this.current;
      },
      before: (promise) => {
        this.saved.push(this.current);
        this.current = (promise as unknown as Record<symbol, T | undefined>)[key];
      },
      after: () => {
        this.current = this.saved.pop();
      },
    });
  }
}
