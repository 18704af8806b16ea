import { SetMetadata } from '@nestjs/common';
import { FILTER_METADATA, HOOK_METADATA } from '../plugin/plugin-metadata.constants.js';

export interface HookOptions {
  /** Lower runs first; ties run in plugin load order. Default 10. */
  priority?: number;
  /** Longest time the handler may take, in ms (default: the manifest's timeout_seconds). */
  timeoutMs?: number;
}

export interface HookMetadata extends HookOptions {
  name: string;
}

/** Returned by a `@Filter` handler to stop the operation. */
export const BLOCK: unique symbol = Symbol.for('tessera.hook.block');
export type Blocked = typeof BLOCK;

/**
 * An action hook: runs after the fact with the event's payload. Its errors and timeouts
 * never reach the emitter; they are logged and re-emitted as `plugin_error`.
 *
 * @example
 * @Hook('user_registered', { priority: 5 })
 * async welcome(payload: { user_id: string; email: string }) { ... }
 */
export function Hook(name: string, options: HookOptions = {}): MethodDecorator {
  return SetMetadata<string, HookMetadata>(HOOK_METADATA, { name, ...options });
}

/**
 * A filter hook: receives the payload and returns it (changed or not), or `BLOCK` to stop
 * the operation. An error thrown here blocks that one operation with HOOK_FILTER_FAILED.
 *
 * @example
 * @Filter('message_sent', { priority: 1 })
 * clean(message: { text: string }) { return message.text.includes('spam') ? BLOCK : message; }
 */
export function Filter(name: string, options: HookOptions = {}): MethodDecorator {
  return SetMetadata<string, HookMetadata>(FILTER_METADATA, { name, ...options });
}
