import { Controller, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { Endpoint, ok, PluginContext } from '@tessera/sdk';
import { GreetingService } from './greeting.service.js';

@ApiTags('hello')
@Controller('hello')
export class HelloController {
  constructor(
    private readonly greetings: GreetingService,
    private readonly ctx: PluginContext,
  ) {}

  /** GET /plugins/hello/hello?name=Ada → { message: "Hello, Ada!" } */
  @Endpoint('GET', '/', { public: true, summary: 'Greets the caller' })
  @ApiQuery({ name: 'name', required: false })
  async hello(@Query('name') name = 'world') {
    const message = this.greetings.greet(name);
    const count = ((await this.ctx.cache.get<number>('greetings')) ?? 0) + 1;
    await this.ctx.cache.set('greetings', count);
    await this.ctx.hooks.emit('hello_greeted', { name, count });
    return ok({ message, count });
  }

  /** GET /plugins/hello/hello/welcomed → users this plugin saw register (through the user_registered hook). */
  @Endpoint('GET', '/welcomed', { public: true, summary: 'Users welcomed through the user_registered hook' })
  welcomed() {
    return ok(this.greetings.welcomedUsers());
  }
}
