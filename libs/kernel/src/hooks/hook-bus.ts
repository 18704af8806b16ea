import { BLOCK, TesseraError, type Blocked } from '@tessera/sdk';
import type { HookHandler } from './hook-handler.interface.js';

/** Where handler failures of action hooks go (logging and the `plugin_error` hook). */
export type HookErrorReporter = (handler: HookHandler, error: unknown) => void;

/**
 * An async handler still running: when its time is up and how to fail it. The entries
 * form a ring with a sentinel: linking and unlinking cost two pointer writes, where a Set
 * of fresh objects cost more than the rest of the call (each object needs a hash).
 */
interface Running {
  deadline: number;
  expire(): void;
  previous: Running;
  next: Running;
}

const DONE: Promise<void> = Promise.resolve();
const noop = (): void => undefined;

/**
 * The hook bus of the process. Handlers are kept per owner so a plugin's subscriptions
 * come and go with its unit; the ordered lists per hook name are rebuilt only when the
 * set changes, so an emit is a Map lookup and a loop.
 *
 * The loop is written for speed, since every emit of every plugin goes through it
 * (bench/kernel-hooks.mjs): handlers are called directly, as EventEmitter2 and hookable
 * call theirs; action handlers are started in order and awaited together, filters run one
 * after another and a filter loop continues only when a promise settles (an `async` loop
 * that may await is about twice as slow in V8);
 * only such a promise can time out, since a synchronous handler is done before any timer
 * could fire; and the timeouts share one watchdog timer instead of arming one per call,
 * which cost more than the calls themselves.
 */
export class HookBus {
  private readonly byOwner = new Map<string, HookHandler[]>();
  private actionLists = new Map<string, HookHandler[]>();
  private filterLists = new Map<string, HookHandler[]>();
  private reportError: HookErrorReporter = () => undefined;
  private readonly running = ring();
  private watchdog: NodeJS.Timeout | undefined;
  private watchdogAt = Infinity;

  onHandlerError(reporter: HookErrorReporter): void {
    this.reportError = reporter;
  }

  /** Replaces every subscription of `owner` at once. */
  setHandlers(owner: string, handlers: HookHandler[]): void {
    if (handlers.length === 0) this.byOwner.delete(owner);
    else this.byOwner.set(owner, handlers);
    this.rebuild();
  }

  removeOwner(owner: string): void {
    if (this.byOwner.delete(owner)) this.rebuild();
  }

  /** Handlers of a hook in the order they run (for the admin API and tests). */
  handlersOf(hook: string, kind: 'action' | 'filter'): readonly HookHandler[] {
    return (kind === 'action' ? this.actionLists : this.filterLists).get(hook) ?? [];
  }

  subscriptionsOf(owner: string): readonly HookHandler[] {
    return this.byOwner.get(owner) ?? [];
  }

  /**
   * Runs every action handler of `hook` in priority order. A handler's error or timeout
   * never reaches the emitter: it goes to the error reporter.
   */
  emit(hook: string, payload: unknown): Promise<void> {
    const handlers = this.actionLists.get(hook);
    if (!handlers) return DONE;
    try {
      return this.runActions(hook, handlers, 0, payload);
    } catch (error) {
      // Only a throwing error reporter gets here; the emitter still gets a promise.
      return Promise.reject(error);
    }
  }

  /**
   * Passes `payload` through every filter of `hook`; BLOCK from any filter stops the
   * chain. A filter that throws blocks this one operation with HOOK_FILTER_FAILED.
   */
  filter<T>(hook: string, payload: T): Promise<T | Blocked> {
    const handlers = this.filterLists.get(hook);
    if (!handlers) return Promise.resolve(payload);
    return this.runFilters(hook, handlers, 0, payload) as Promise<T | Blocked>;
  }

  /**
   * Starts every action handler in priority order; those answering with a promise then run
   * side by side, each under its own deadline, and the emit settles when all have. (A filter
   * chain must be serial, each filter seeing the previous one's output; an action hook has no
   * such need, and running async handlers one after another made ten of them ten times slower.)
   */
  private runActions(hook: string, handlers: readonly HookHandler[], from: number, payload: unknown): Promise<void> {
    let pending: Promise<unknown>[] | undefined;
    for (let i = from; i < handlers.length; i++) {
      const handler = handlers[i];
      let answer: unknown;
      try {
        answer = handler.invoke(payload);
      } catch (error) {
        this.reportError(handler, error);
        continue;
      }
      if (isThenable(answer)) {
        (pending ??= []).push(
          this.within(answer, handler, () => `Hook handler ${handler.owner}:${hook} did not finish within ${handler.timeoutMs} ms.`).catch((error: unknown) =>
            this.reportError(handler, error),
          ),
        );
      }
    }
    if (!pending) return DONE;
    return pending.length === 1 ? (pending[0] as Promise<void>).then(noop) : Promise.all(pending).then(noop);
  }

  private runFilters(hook: string, handlers: readonly HookHandler[], from: number, payload: unknown): Promise<unknown> {
    let current = payload;
    for (let i = from; i < handlers.length; i++) {
      const handler = handlers[i];
      try {
        current = handler.invoke(current);
      } catch (error) {
        return Promise.reject(this.filterFailed(hook, handler, error));
      }
      if (isThenable(current)) {
        return this.within(current, handler, () => `Filter ${handler.owner}:${hook} did not finish within ${handler.timeoutMs} ms.`).then(
          (value) => (value === BLOCK ? BLOCK : this.runFilters(hook, handlers, i + 1, value)),
          (error: unknown) => {
            throw this.filterFailed(hook, handler, error);
          },
        );
      }
      if (current === BLOCK) return Promise.resolve(BLOCK);
    }
    return Promise.resolve(current);
  }

  /** Reports the failure against the filter's owner (not the emitter), then builds the error that stops the operation. */
  private filterFailed(hook: string, handler: HookHandler, error: unknown): TesseraError {
    this.reportError(handler, error);
    return filterFailed(hook, handler, error);
  }

  /** Settles like `answer`, or rejects with PLUGIN_TIMEOUT once the handler's time is up. */
  private within(answer: PromiseLike<unknown>, handler: HookHandler, timeoutMessage: () => string): Promise<unknown> {
    const ms = handler.timeoutMs;
    if (!Number.isFinite(ms) || ms <= 0) return Promise.resolve(answer);
    return new Promise((resolve, reject) => {
      const head = this.running;
      const entry: Running = {
        deadline: performance.now() + ms,
        expire: () => reject(new TesseraError('PLUGIN_TIMEOUT', timeoutMessage())),
        previous: head.previous,
        next: head,
      };
      head.previous.next = entry;
      head.previous = entry;
      if (entry.deadline < this.watchdogAt) this.armWatchdog(entry.deadline);
      answer.then(
        (value) => {
          unlink(entry);
          resolve(value);
        },
        (error: unknown) => {
          unlink(entry);
          reject(error);
        },
      );
    });
  }

  private armWatchdog(at: number): void {
    clearTimeout(this.watchdog);
    this.watchdogAt = at;
    this.watchdog = setTimeout(() => this.expireOverdue(), Math.max(0, at - performance.now()));
    // A hook still running must not keep the process alive.
    this.watchdog.unref();
  }

  private expireOverdue(): void {
    this.watchdog = undefined;
    this.watchdogAt = Infinity;
    const now = performance.now();
    let next = Infinity;
    for (let entry = this.running.next, following = entry.next; entry !== this.running; entry = following, following = entry.next) {
      if (entry.deadline <= now) {
        unlink(entry);
        entry.expire();
      } else if (entry.deadline < next) {
        next = entry.deadline;
      }
    }
    if (next !== Infinity) this.armWatchdog(next);
  }

  private rebuild(): void {
    const actions = new Map<string, HookHandler[]>();
    const filters = new Map<string, HookHandler[]>();
    for (const handlers of this.byOwner.values()) {
      for (const handler of handlers) {
        const target = handler.kind === 'action' ? actions : filters;
        const list = target.get(handler.hook) ?? [];
        list.push(handler);
        target.set(handler.hook, list);
      }
    }
    const byPriorityThenLoadOrder = (a: HookHandler, b: HookHandler) => a.priority - b.priority || a.order - b.order;
    for (const list of actions.values()) list.sort(byPriorityThenLoadOrder);
    for (const list of filters.values()) list.sort(byPriorityThenLoadOrder);
    this.actionLists = actions;
    this.filterLists = filters;
  }
}

function ring(): Running {
  const sentinel = { deadline: Infinity, expire: () => undefined } as Running;
  sentinel.previous = sentinel;
  sentinel.next = sentinel;
  return sentinel;
}

// An unlinked entry points at itself, so unlinking it again (its answer settling after it
// timed out) changes nothing.
function unlink(entry: Running): void {
  entry.previous.next = entry.next;
  entry.next.previous = entry.previous;
  entry.previous = entry;
  entry.next = entry;
}

function filterFailed(hook: string, handler: HookHandler, error: unknown): TesseraError {
  return new TesseraError(
    'HOOK_FILTER_FAILED',
    `Filter "${hook}" of plugin "${handler.owner}" failed, so the operation was stopped: ${(error as Error)?.message ?? error}. Fix the filter or disable the plugin.`,
    { hook, plugin: handler.owner },
  );
}

// Primitives are ruled out before the property lookup: filters often pass strings along.
function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as PromiseLike<unknown>).then === 'function';
}
