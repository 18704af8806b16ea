import { BLOCK, TesseraError } from '@tessera/sdk';
import type { HookErrorReporter, HookHandler } from './hook-handler.interface.js';
import { HookWatchdog, UNSTAMPED, type Watched } from './hook-watchdog.js';
import { isThenable } from '../is-thenable.js';

const DONE: Promise<void> = Promise.resolve();

/**
 * Calls the handlers of one hook: the hot path of every emit and filter of every plugin
 * (bench/kernel-hooks.mjs), so it is written for speed. Handlers are called directly, as
 * EventEmitter2 and hookable call theirs, and the loop stays synchronous until a handler
 * answers with a promise (an `async` loop that may await is about twice as slow in V8).
 * Only such an answer can time out, since a synchronous handler is done before any timer
 * could fire. The async part costs one promise per emit or filter call, not one per handler:
 * a handler's promise gets a `then` with callbacks shared by the whole emit or chain, and one
 * watchdog entry times all the handlers an emit started together.
 */
export class HookRunner {
  readonly watchdog = new HookWatchdog();

  /** `report` receives every handler failure; it may throw, which fails that one emit or filter call. */
  constructor(readonly report: HookErrorReporter) {}

  /**
   * Starts every action handler in priority order; those answering with a promise then run
   * side by side, and the returned promise settles when all have (or timed out). A handler's
   * error or timeout goes to the reporter, never to the emitter.
   */
  emit(hook: string, handlers: readonly HookHandler[], payload: unknown): Promise<void> {
    let run: HookEmit | undefined;
    for (let i = 0; i < handlers.length; i++) {
      const handler = handlers[i];
      let answer: unknown;
      try {
        answer = handler.invoke(payload);
      } catch (error) {
        this.report(handler, error);
        continue;
      }
      if (!isThenable(answer)) continue;
      if (run === undefined) run = new HookEmit(this, hook, handler, native(answer));
      else run.add(handler, native(answer));
    }
    return run === undefined ? DONE : run.start();
  }

  /**
   * Passes `value` through the filters from `from` on, one after another; BLOCK from any
   * filter stops the chain. `chain` is made when the first filter answers with a promise, so
   * a chain of synchronous filters allocates nothing but its result.
   */
  filter(hook: string, handlers: readonly HookHandler[], from: number, value: unknown, chain?: FilterChain): Promise<unknown> {
    let current = value;
    for (let i = from; i < handlers.length; i++) {
      const handler = handlers[i];
      try {
        current = handler.invoke(current);
      } catch (error) {
        return (chain ??= new FilterChain(this, hook, handlers)).fail(i, error);
      }
      if (isThenable(current)) return (chain ??= new FilterChain(this, hook, handlers)).wait(i, current);
      if (current === BLOCK) break;
    }
    return chain === undefined ? Promise.resolve(current) : chain.finish(current);
  }
}

/**
 * The async handlers of one emit, timed together by one watchdog entry.
 *
 * Which handler settled matters only once one fails or times out. Until then every promise
 * gets the same two callbacks of the emit, which only count (two closures a handler cost
 * about 15 % of an emit of ten). The first failure or timeout switches the emit to
 * `tracked`: each promise then gets callbacks that know their slot, those already settled
 * calling theirs back within the microtasks that follow, and a slot is emptied when its
 * handler settles or times out.
 */
class HookEmit implements Watched {
  timeoutMs = Infinity;
  startedAt = UNSTAMPED;
  previous: Watched = this;
  next: Watched = this;
  /** The async handlers in the order they started; once `tracked`, only those still running. */
  private readonly waiting: (HookHandler | undefined)[];
  private readonly answers: Promise<unknown>[];
  private remaining = 1;
  private tracked = false;
  private resolve!: () => void;
  private reject!: (error: unknown) => void;
  private readonly settled: Promise<void>;
  private readonly counted = (): void => {
    if (!this.tracked && --this.remaining === 0) this.finish();
  };
  // The error itself comes again, with its handler, through the callbacks track() adds.
  private readonly faulted = (): void => {
    if (!this.tracked) this.track();
  };

  /** Made for the first handler answering with a promise. */
  constructor(
    private readonly runner: HookRunner,
    private readonly hook: string,
    handler: HookHandler,
    answer: Promise<unknown>,
  ) {
    this.settled = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // Array literals: a first push() into [] reserves 17 slots, which cost ~10 % of an emit of one handler.
    this.waiting = [handler];
    this.answers = [answer];
    this.follow(handler, answer);
  }

  add(handler: HookHandler, answer: Promise<unknown>): void {
    this.waiting.push(handler);
    this.answers.push(answer);
    this.remaining++;
    this.follow(handler, answer);
  }

  start(): Promise<void> {
    if (this.timeoutMs !== Infinity) this.runner.watchdog.watch(this);
    return this.settled;
  }

  expire(now: number): void {
    if (this.tracked) {
      this.timeOut(now);
      return;
    }
    // Which handlers are still running is known only once the per-handler callbacks of those
    // already settled have run: they were queued first, so a microtask queued now runs after them.
    this.track();
    queueMicrotask(() => this.timeOut(now));
  }

  private follow(handler: HookHandler, answer: Promise<unknown>): void {
    // The emit's entry is due when its shortest timeout is; timeOut() then looks at each handler.
    if (handler.timeoutMs > 0 && handler.timeoutMs < this.timeoutMs) this.timeoutMs = handler.timeoutMs;
    answer.then(this.counted, this.faulted);
  }

  private track(): void {
    this.tracked = true;
    this.remaining = this.answers.length;
    for (let slot = 0; slot < this.answers.length; slot++) {
      this.answers[slot].then(
        () => this.done(slot),
        (error: unknown) => this.failed(slot, error),
      );
    }
  }

  /** Times out the handlers whose time is up; watches the emit again for those with more time. */
  private timeOut(now: number): void {
    let next = Infinity;
    for (let slot = 0; slot < this.waiting.length; slot++) {
      const handler = this.waiting[slot];
      // A handler with no finite timeout is never timed out; one whose time is not up yet sets the next deadline.
      if (handler === undefined || !(handler.timeoutMs > 0 && handler.timeoutMs < Infinity)) continue;
      if (this.startedAt + handler.timeoutMs > now) {
        next = Math.min(next, handler.timeoutMs);
        continue;
      }
      this.waiting[slot] = undefined;
      this.remaining--;
      this.report(handler, new TesseraError('PLUGIN_TIMEOUT', `Hook handler ${handler.owner}:${this.hook} did not finish within ${handler.timeoutMs} ms.`));
    }
    if (this.remaining === 0) {
      this.resolve();
    } else if (next !== Infinity) {
      this.timeoutMs = next;
      this.runner.watchdog.rewatch(this, now);
    }
  }

  private done(slot: number): void {
    // An empty slot: the handler timed out before it settled, so its answer changes nothing.
    if (this.waiting[slot] === undefined) return;
    this.waiting[slot] = undefined;
    if (--this.remaining === 0) this.finish();
  }

  private failed(slot: number, error: unknown): void {
    const handler = this.waiting[slot];
    if (handler === undefined) return;
    this.waiting[slot] = undefined;
    this.report(handler, error);
    if (--this.remaining === 0) this.finish();
  }

  private finish(): void {
    this.runner.watchdog.unwatch(this);
    this.resolve();
  }

  private report(handler: HookHandler, error: unknown): void {
    try {
      this.runner.report(handler, error);
    } catch (failure) {
      // Only a throwing reporter gets here; as with a synchronous handler, the emitter hears of it.
      this.reject(failure);
    }
  }
}

/** A filter chain waiting for an async filter; goes on with the next filter when the answer settles. */
class FilterChain implements Watched {
  timeoutMs = Infinity;
  startedAt = UNSTAMPED;
  previous: Watched = this;
  next: Watched = this;
  /** The filter being waited for. */
  private index = 0;
  private over = false;
  private result: Promise<unknown> | undefined;
  private resolve!: (value: unknown) => void;
  private reject!: (error: unknown) => void;
  // Made once per chain and handed to every filter's promise, instead of two closures per filter.
  private readonly onValue = (value: unknown): void => this.resume(value);
  private readonly onError = (error: unknown): void => {
    if (!this.over) this.fail(this.index, error);
  };

  constructor(
    private readonly runner: HookRunner,
    private readonly hook: string,
    private readonly handlers: readonly HookHandler[],
  ) {}

  wait(index: number, answer: PromiseLike<unknown>): Promise<unknown> {
    this.index = index;
    const result = this.pending();
    const timeoutMs = this.handlers[index].timeoutMs;
    if (timeoutMs > 0 && timeoutMs < Infinity) {
      this.timeoutMs = timeoutMs;
      this.runner.watchdog.watch(this);
    } else {
      this.runner.watchdog.unwatch(this);
    }
    native(answer).then(this.onValue, this.onError);
    return result;
  }

  finish(value: unknown): Promise<unknown> {
    if (this.result === undefined) return Promise.resolve(value);
    this.end();
    this.resolve(value);
    return this.result;
  }

  /** Stops the operation: the failure is reported against the filter's owner (not the emitter), the caller gets HOOK_FILTER_FAILED. */
  fail(index: number, error: unknown): Promise<unknown> {
    const handler = this.handlers[index];
    const result = this.pending();
    this.end();
    try {
      this.runner.report(handler, error);
      this.reject(filterFailed(this.hook, handler, error));
    } catch (failure) {
      this.reject(failure);
    }
    return result;
  }

  expire(): void {
    const handler = this.handlers[this.index];
    this.fail(this.index, new TesseraError('PLUGIN_TIMEOUT', `Filter ${handler.owner}:${this.hook} did not finish within ${handler.timeoutMs} ms.`));
  }

  private resume(value: unknown): void {
    // A chain that timed out is over: the late answer changes nothing.
    if (this.over) return;
    if (value === BLOCK) this.finish(BLOCK);
    else void this.runner.filter(this.hook, this.handlers, this.index + 1, value, this);
  }

  private pending(): Promise<unknown> {
    return (this.result ??= new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    }));
  }

  private end(): void {
    this.over = true;
    this.runner.watchdog.unwatch(this);
  }
}

function filterFailed(hook: string, handler: HookHandler, error: unknown): TesseraError {
  return new TesseraError(
    'HOOK_FILTER_FAILED',
    `Filter "${hook}" of plugin "${handler.owner}" failed, so the operation was stopped: ${(error as Error)?.message ?? error}. Fix the filter or disable the plugin.`,
    { hook, plugin: handler.owner },
  );
}

// A native promise calls back once, and never synchronously; any other thenable is wrapped
// in one, so a buggy one cannot run the rest of a chain twice.
function native(answer: PromiseLike<unknown>): Promise<unknown> {
  return answer instanceof Promise ? answer : Promise.resolve(answer);
}
