import type { Blocked } from '@tessera/sdk';
import type { HookErrorReporter, HookHandler } from './hook-handler.interface.js';
import { HookRunner } from './hook-runner.js';

const DONE: Promise<void> = Promise.resolve();

/**
 * The hook bus of the process. Handlers are kept per owner so a plugin's subscriptions
 * come and go with its unit; the ordered lists per hook name are rebuilt only when the
 * set changes, so an emit is a Map lookup and a loop (in HookRunner, with the timeouts).
 */
export class HookBus {
  private readonly byOwner = new Map<string, HookHandler[]>();
  private actionLists = new Map<string, HookHandler[]>();
  private filterLists = new Map<string, HookHandler[]>();
  private reportError: HookErrorReporter = () => undefined;
  private readonly runner = new HookRunner((handler, error) => this.reportError(handler, error));

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
   * Runs every action handler of `hook`: started in priority order, their async parts side
   * by side, each under its own timeout. A handler's error or timeout never reaches the
   * emitter: it goes to the error reporter.
   */
  emit(hook: string, payload: unknown): Promise<void> {
    const handlers = this.actionLists.get(hook);
    if (!handlers) return DONE;
    try {
      return this.runner.emit(hook, handlers, payload);
    } catch (error) {
      // Only a throwing error reporter gets here; the emitter still gets a promise.
      return Promise.reject(error);
    }
  }

  /**
   * Passes `payload` through every filter of `hook`, one after another; BLOCK from any
   * filter stops the chain. A filter that throws or times out blocks this one operation
   * with HOOK_FILTER_FAILED.
   */
  filter<T>(hook: string, payload: T): Promise<T | Blocked> {
    const handlers = this.filterLists.get(hook);
    if (!handlers) return Promise.resolve(payload);
    return this.runner.filter(hook, handlers, 0, payload) as Promise<T | Blocked>;
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
