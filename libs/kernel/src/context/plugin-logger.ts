import type { Logger } from 'pino';
import type { PluginLogger } from '@tessera/sdk';
import type { PluginLogEntry, PluginLogStore } from './plugin-log-store.js';

/** A plugin's logger: the process logger tagged with `plugin`, plus the plugin's log store. */
export function createPluginLogger(base: Logger, plugin: string, store: PluginLogStore): PluginLogger {
  const child = base.child({ plugin });
  const write = (level: PluginLogEntry['level']) => (message: string, fields?: Record<string, unknown>) => {
    if (fields) child[level](fields, message);
    else child[level](message);
    store.append(plugin, { time: new Date().toISOString(), level, message, ...(fields ? { fields } : {}) });
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
