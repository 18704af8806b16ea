import { LoginThrottle } from '@tessera/auth';
import { Plugin, PluginContext, type OnPluginLoad } from '@tessera/sdk';
import { CreateUsersAccounts1796000000100 } from './create-users-accounts.migration.js';
import { UserAccount } from './user-account.entity.js';
import { UserActions } from './user-actions.service.js';
import { UserCache } from './user-cache.service.js';
import { USERS_LOGIN_THROTTLE, UserCredentials } from './user-credentials.service.js';
import { UserEvents } from './user-events.service.js';
import { UserSessions } from './user-sessions.service.js';
import { UserStore } from './user-store.service.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

/**
 * The reference plugin: end users with registration, login and sessions (on the host's
 * SessionService), a cached and paginated user list, profile changes, hooks for other
 * plugins and actions they can call. Mounted under /plugins/users/users.
 */
@Plugin({
  entities: [UserAccount],
  migrations: [CreateUsersAccounts1796000000100],
  controllers: [UsersController],
  providers: [
    UserStore,
    UserCache,
    UserEvents,
    UserCredentials,
    UsersService,
    UserSessions,
    UserActions,
    {
      // The host's throttle is not shared with plugins; this is the same limiter, counting this plugin's logins.
      provide: USERS_LOGIN_THROTTLE,
      inject: [PluginContext],
      useFactory: (ctx: PluginContext) => {
        const seconds = ctx.config.get<number>('login_throttle_seconds');
        return new LoginThrottle({
          throttle: {
            perAccount: ctx.config.get<number>('login_failures_per_account'),
            perIp: ctx.config.get<number>('login_failures_per_ip'),
            windowSeconds: seconds,
            blockSeconds: seconds,
          },
        });
      },
    },
  ],
})
export class UsersPlugin implements OnPluginLoad {
  constructor(private readonly cache: UserCache) {}

  async onPluginLoad(ctx: PluginContext): Promise<void> {
    // Cached views may have been written by another version of this plugin, in another shape.
    await this.cache.clear();
    ctx.logger.info(`users is ready; registration ${ctx.config.get<boolean>('allow_registration') ? 'open' : 'closed'}`);
  }
}
