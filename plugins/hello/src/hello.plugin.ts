import { Action, Hook, Plugin, PluginContext, type OnPluginLoad } from '@tessera/sdk';
import { GreetingService } from './greeting.service.js';
import { HelloController } from './hello.controller.js';

/** The smallest complete plugin: an endpoint, an action hook, an action and config. */
@Plugin({ providers: [GreetingService], controllers: [HelloController] })
export class HelloPlugin implements OnPluginLoad {
  constructor(private readonly greetings: GreetingService) {}

  onPluginLoad(ctx: PluginContext): void {
    ctx.logger.info(`hello is ready; greeting "${ctx.config.get<string>('greeting')}"`);
  }

  /** Action hook: runs after a user registered (emitted by the users plugin). */
  @Hook('user_registered')
  onUserRegistered(payload: { username?: string }): void {
    if (payload?.username) this.greetings.remember(payload.username);
  }

  /** Other plugins: ctx.plugins.call('hello', 'greet', { name: 'Ada' }). */
  @Action('greet')
  greet(payload: { name?: string }): { message: string } {
    return { message: this.greetings.greet(payload?.name ?? 'world') };
  }
}
