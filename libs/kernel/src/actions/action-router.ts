import { ActionError, isTesseraError, type ActionResult, type CallOptions } from '@tessera/sdk';
import type { ActionHandler } from './action-handler.interface.js';
import { DEFAULT_CALL_TIMEOUT_MS } from './action-handler.interface.js';
import { withTimeout } from './with-timeout.js';

class CallTimeout extends Error {}

/**
 * Routes plugin-to-plugin calls to the `@Action` handlers of active plugins. It answers
 * every call with `{ ok, data | error }` and never throws, so one plugin's failure
 * cannot take its caller down.
 */
export class ActionRouter {
  private readonly byPlugin = new Map<string, Map<string, ActionHandler>>();
  private reportFailure: (plugin: string, message: string) => void = () => undefined;

  /** Where failed and timed-out actions are reported (the kernel's activity stream). */
  onFailure(reporter: (plugin: string, message: string) => void): void {
    this.reportFailure = reporter;
  }

  setActions(plugin: string, handlers: ActionHandler[]): void {
    this.byPlugin.set(plugin, new Map(handlers.map((handler) => [handler.name, handler])));
  }

  removePlugin(plugin: string): void {
    this.byPlugin.delete(plugin);
  }

  actionsOf(plugin: string): string[] {
    return [...(this.byPlugin.get(plugin)?.keys() ?? [])];
  }

  async call<T>(target: string, action: string, payload: unknown, options: CallOptions = {}): Promise<ActionResult<T>> {
    const actions = this.byPlugin.get(target);
    if (!actions) {
      return failure('PLUGIN_NOT_FOUND', `Plugin "${target}" is not active. Check its name and that it is enabled.`);
    }
    const handler = actions.get(action);
    if (!handler) {
      const known = [...actions.keys()].join(', ') || 'none';
      return failure('ACTION_NOT_FOUND', `Plugin "${target}" has no action "${action}". Its actions: ${known}.`);
    }
    const timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
    try {
      const data = await withTimeout(Promise.resolve().then(() => handler.invoke(payload)), timeoutMs, () => new CallTimeout());
      return { ok: true, data: data as T };
    } catch (error) {
      if (error instanceof CallTimeout) {
        this.reportFailure(target, `Action ${action} timed out after ${timeoutMs} ms`);
        return failure('PLUGIN_COMMUNICATION_TIMEOUT', `Action ${target}.${action} did not answer within ${timeoutMs} ms.`);
      }
      if (error instanceof ActionError || isTesseraError(error)) return failure(error.code, error.message);
      this.reportFailure(target, `Action ${action} failed: ${(error as Error)?.message ?? String(error)}`);
      return failure('ACTION_FAILED', `Action ${target}.${action} failed: ${(error as Error)?.message ?? String(error)}`);
    }
  }
}

function failure(code: string, message: string): { ok: false; error: { code: string; message: string } } {
  return { ok: false, error: { code, message } };
}
