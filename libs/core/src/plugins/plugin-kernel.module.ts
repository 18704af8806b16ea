import { join } from 'node:path';
import { PasswordHasher, SessionService, TokenService, EncryptionService } from '@tessera/auth';
import { guardedService, PluginLoaderModule, type PermissionChecker } from '@tessera/kernel';
import { httpServerOptions, RequestTelemetry } from '@tessera/observability';
import { OtpService } from '@tessera/otp';
import { SchedulerService } from '@tessera/scheduler';
import { TaskRegistry } from '@tessera/sdk';
import type { HostContext, ModuleImport } from '../host-modules.js';

/** Host services a plugin may inject, each behind a permission resource (action `use`). */
export const SHARED_SERVICE_RESOURCES = {
  'auth.tokens': TokenService,
  'auth.sessions': SessionService,
  'auth.passwords': PasswordHasher,
  'auth.encryption': EncryptionService,
  'otp.codes': OtpService,
} as const;

/**
 * The kernel, configured like the host: each plugin unit gets the host's body limit,
 * request ids, envelope errors, validation, request logs and metrics (labelled with the
 * plugin's name), a TaskRegistry bound to it, and the shared auth and OTP services behind
 * its permissions.
 */
export function pluginKernelModule({ config, logger, metrics, plugins }: HostContext): ModuleImport {
  const sharedTokens = Object.values(SHARED_SERVICE_RESOURCES);
  return PluginLoaderModule.forRootAsync({
    inject: [SchedulerService, ...sharedTokens],
    useFactory: (scheduler: SchedulerService, ...shared: object[]) => ({
      pluginDirs: config.pluginDirs,
      include: plugins,
      logger,
      drainTimeoutMs: config.shutdownTimeoutMs,
      // Backups go with the data (DATA_DIR), not in a plugin folder.
      packaging: { repositories: config.pluginRepositories, backupsDir: join(config.dataDir, 'backups'), maxBytes: config.pluginPackageMaxBytes, maxFiles: config.pluginPackageMaxFiles },
      quarantine: { failures: config.quarantineFailures, windowSeconds: config.quarantineWindowSeconds, webhookUrl: config.quarantineWebhookUrl },
      unitServerOptions: httpServerOptions({ bodyLimit: config.bodyLimitBytes }),
      // The kernel's default unit set-up (envelope, validation) is the host's; only the metrics are added.
      unitTelemetry: (plugin) => new RequestTelemetry({ logger, metrics, plugin }),
      unitProviders: (plugin: string, permissions: PermissionChecker) => [
        { provide: TaskRegistry, useValue: scheduler.registryFor(plugin) },
        ...Object.entries(SHARED_SERVICE_RESOURCES).map(([resource, token], index) => ({
          provide: token,
          useValue: guardedService(shared[index], plugin, resource, permissions),
        })),
      ],
    }),
  });
}
