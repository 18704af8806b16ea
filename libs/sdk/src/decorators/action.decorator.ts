import { SetMetadata } from '@nestjs/common';
import { ACTION_METADATA } from '../plugin/plugin-metadata.constants.js';

export interface ActionMetadata {
  name: string;
}

/**
 * A handler other plugins (and admins, through the message API) reach with
 * `ctx.plugins.call('<plugin>', '<name>', payload)`. Return the data; throw an
 * `ActionError` to answer `{ ok: false, error: { code, message } }`.
 *
 * @example
 * @Action('get')
 * async get(payload: { id: string }) { return this.users.findById(payload.id); }
 */
export function Action(name: string): MethodDecorator {
  return SetMetadata<string, ActionMetadata>(ACTION_METADATA, { name });
}
