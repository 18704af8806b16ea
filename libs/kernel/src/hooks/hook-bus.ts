import { BLOCK, TesseraError, type Blocked } from '@tessera/sdk';
import { withTimeout } from '../actions/with-timeout.js';
import type { HookHandler } from './hook-handler.interface.js';

/** Where handler failures of action hooks go (logging and the `plugin_error` hook). */
export type HookErrorReporter = (handler: HookHandler, error: unknown) => void;

/**
 * The hook bus of the process. Handlers are kept per owner so a plugin's subscriptions
 * come and go with its unit; the ordered lists per hook name are rebuilt only when the
 * set changes, so an emit is a Map lookup and a loop.
 */
export class HookBus {
  private readonly byOwner = new Map<string, HookHandler[]>();
  private actionLists = new Map<string, HookHandler[]>();
  private filterLists = new Map<string, HookHandler[]>();
  private reportError: HookErrorReporter = () => undefined;

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
  async emit(hook: string, payload: unknown): Promise<void> {
    const handlers = this.actionLists.get(hook);
    if (!handlers) return;
    for (const handler of handlers) {
      try {
        await withTimeout(Promise.resolve().then(() => handler.invoke(payload)), handler.timeoutMs, () =>
          new TesseraError('PLUGIN_TIMEOUT', `Hook handler ${handler.owner}:${hook} did not finish within ${handler.timeoutMs} ms.`),
        );
      } catch (error) {
        this.reportError(handler, error);
      }
    }
  }

  /**
   * Passes `payload` through every filter of `hook`; BLOCK from any filter stops the
   * chain. A filter that throws blocks this one operation with HOOK_FILTER_FAILED.
   */
  async filter<T>(hook: string, payload: T): Promise<T | Blocked> {
    const handlers = this.filterLists.get(hook);
    if (!handlers) return payload;
    let current: unknown = payload;
    for (const handler of handlers) {
      try {
        current = await withTimeout(Promise.resolve().then(() => handler.invoke(current)), handler.timeoutMs, () =>
          new TesseraError('PLUGIN_TIMEOUT', `Filter ${handler.owner}:${hook} did not finish within ${handler.timeoutMs} ms.`),
        );
      } catch (error) {
        throw new TesseraError(
          'HOOK_FILTER_FAILED',
          `Filter "${hook}" of plugin "${handler.owner}" failed, so the operation was stopped: ${(error as Error)?.message ?? error}. Fix the filter or disable the plugin.`,
          { hook, plugin: handler.owner },
        );
      }
      if (current === BLOCK) return BLOCK;
    }
    return current as T;
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
