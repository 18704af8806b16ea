import { Module, type ModuleMetadata } from '@nestjs/common';
import { PLUGIN_METADATA } from './plugin-metadata.constants.js';

/** What `@Plugin()` takes: a Nest module's metadata plus the plugin's database parts. */
export interface PluginMetadata extends ModuleMetadata {
  /** TypeORM entity classes; their tables must be named `<plugin>` or `<plugin>_...`. */
  entities?: Function[];
  /** TypeORM migration classes, run on load in one transaction, reverted on uninstall with cleanup. */
  migrations?: Function[];
}

/**
 * Marks the class a plugin's entry exports. It is a Nest module (so providers and
 * controllers work as usual) that the kernel builds into the plugin's own unit.
 *
 * @example
 * @Plugin({ providers: [GreetingService], controllers: [HelloController] })
 * export class HelloPlugin implements OnPluginLoad {
 *   async onPluginLoad(ctx: PluginContext) { ctx.logger.info('hello is up'); }
 * }
 */
export function Plugin(metadata: PluginMetadata = {}): ClassDecorator {
  const { entities, migrations, ...moduleMetadata } = metadata;
  return (target) => {
    Module(moduleMetadata)(target);
    Reflect.defineMetadata(PLUGIN_METADATA, { entities: entities ?? [], migrations: migrations ?? [] }, target);
  };
}

/** Reads what `@Plugin()` wrote; undefined for any other class. */
export function getPluginMetadata(target: unknown): Required<Pick<PluginMetadata, 'entities' | 'migrations'>> | undefined {
  return typeof target === 'function' ? Reflect.getMetadata(PLUGIN_METADATA, target) : undefined;
}
