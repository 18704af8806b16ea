import { CreatePluginState1763700000000 } from './state/create-plugin-state.migration.js';
import { PluginStateEntity } from './state/plugin-state.entity.js';

/** The kernel's tables, for DatabaseModule.forRoot({ entities, migrations }). */
export const kernelEntities: Function[] = [PluginStateEntity];
export const kernelMigrations: Function[] = [CreatePluginState1763700000000];
