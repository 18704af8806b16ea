import { Injectable } from '@nestjs/common';
import { PluginContext } from '@tessera/sdk';
import type {
  UserDeletedPayload,
  UserLoginPayload,
  UserLogoutPayload,
  UserProfileUpdatedPayload,
  UserRegisteredPayload,
} from './user-hooks.interface.js';
import { USER_HOOKS } from './users.constants.js';

type Timeless<T> = Omit<T, 'at'>;

/**
 * Emits the plugin's hooks once a change is committed. Emitting is best effort: the change
 * already happened, so a refused emit (an admin revoked `hook.user_*`) is logged and the
 * request still succeeds. The bus itself never throws for the listeners' errors.
 */
@Injectable()
export class UserEvents {
  constructor(private readonly ctx: PluginContext) {}

  registered(payload: Timeless<UserRegisteredPayload>): Promise<void> {
    return this.emit(USER_HOOKS.registered, payload);
  }

  login(payload: Timeless<UserLoginPayload>): Promise<void> {
    return this.emit(USER_HOOKS.login, payload);
  }

  logout(payload: Timeless<UserLogoutPayload>): Promise<void> {
    return this.emit(USER_HOOKS.logout, payload);
  }

  profileUpdated(payload: Timeless<UserProfileUpdatedPayload>): Promise<void> {
    return this.emit(USER_HOOKS.profileUpdated, payload);
  }

  deleted(payload: Timeless<UserDeletedPayload>): Promise<void> {
    return this.emit(USER_HOOKS.deleted, payload);
  }

  private async emit(hook: string, payload: object): Promise<void> {
    try {
      await this.ctx.hooks.emit(hook, { ...payload, at: new Date().toISOString() });
    } catch (error) {
      this.ctx.logger.warn(`hook ${hook} was not emitted: ${(error as Error).message}`, { hook });
    }
  }
}
