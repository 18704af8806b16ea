import type { PluginTemplateInput } from './plugin-template-input.interface.js';

/** src/index.ts: the entry exports exactly one class, the plugin. */
export function pluginIndexTemplate({ name, className }: PluginTemplateInput): string {
  return `export { ${className}Plugin } from './${name}.plugin.js';\n`;
}

/** src/<name>.plugin.ts: the @Plugin class with an action hook and an action. */
export function pluginClassTemplate({ name, className }: PluginTemplateInput): string {
  return `import { Action, Hook, Plugin, PluginContext, type OnPluginLoad } from '@tessera/sdk';
import { ${className}Controller } from './${name}.controller.js';

/** The ${name} plugin: a public endpoint, an action hook and an action. */
@Plugin({ controllers: [${className}Controller] })
export class ${className}Plugin implements OnPluginLoad {
  constructor(private readonly ctx: PluginContext) {}

  /** Runs once the plugin is built; throwing here puts the plugin in state "error". */
  onPluginLoad(): void {
    this.ctx.logger.info('${name} is ready');
  }

  /** Action hook: runs after a user registered (the users plugin emits it); an error here is logged, never passed to the emitter. */
  @Hook('user_registered')
  onUserRegistered(payload: { username?: string }): void {
    this.ctx.logger.info(\`welcome, \${payload?.username ?? 'new user'}\`);
  }

  /** Reached by other plugins: ctx.plugins.call('${name}', 'greet', { name: 'Ada' }). */
  @Action('greet')
  greet(payload: { name?: string }): { message: string } {
    return { message: \`\${this.ctx.config.get<string>('greeting')}, \${payload?.name ?? 'world'}!\` };
  }
}
`;
}

/** src/<name>.controller.ts: one public endpoint, mounted under /plugins/<name>/. */
export function pluginControllerTemplate({ name, className }: PluginTemplateInput): string {
  return `import { Controller, Query } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { Endpoint, ok, PluginContext } from '@tessera/sdk';

@Controller('hello')
export class ${className}Controller {
  constructor(private readonly ctx: PluginContext) {}

  /** GET /plugins/${name}/hello?name=Ada → { "success": true, "data": { "message": "Hello, Ada!" } } */
  @Endpoint('GET', '/', { public: true, summary: 'Greets the caller' })
  @ApiQuery({ name: 'name', required: false })
  hello(@Query('name') name = 'world') {
    return ok({ message: \`\${this.ctx.config.get<string>('greeting')}, \${name}!\` });
  }
}
`;
}
