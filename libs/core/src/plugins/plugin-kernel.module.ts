import { PluginLoaderModule } from '@tessera/kernel';
import { configureHttpApp, httpServerOptions } from '@tessera/observability';
import type { HostContext, ModuleImport } from '../host-modules.js';

/**
 * The kernel, configured like the host: each plugin unit gets the host's body limit,
 * request ids, envelope errors, validation, request logs and metrics (labelled with the
 * plugin's name).
 */
export function pluginKernelModule({ config, logger, metrics, plugins }: HostContext): ModuleImport {
  return PluginLoaderModule.forRoot({
    pluginDirs: config.pluginDirs,
    include: plugins,
    logger,
    drainTimeoutMs: config.shutdownTimeoutMs,
    unitServerOptions: httpServerOptions({ bodyLimit: config.bodyLimitBytes }),
    configureUnitApp: (app, plugin) => configureHttpApp(app, { logger, metrics, plugin }),
  });
}
