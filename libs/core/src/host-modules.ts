import type { DynamicModule, ForwardReference, Type } from '@nestjs/common';
import { AdminModule, adminEntities, adminMigrations } from '@tessera/admin';
import { AuthModule, authEntities, authMigrations } from '@tessera/auth';
import { databaseMigrations } from '@tessera/database';
import { HookBus, kernelEntities, kernelMigrations } from '@tessera/kernel';
import type { HttpMetrics, Logger } from '@tessera/observability';
import { OtpModule, otpEntities, otpMigrations } from '@tessera/otp';
import { SchedulerModule, schedulerEntities, schedulerMigrations } from '@tessera/scheduler';
import type { ResolvedTesseraConfig } from './config/tessera-config.interface.js';
import { pluginKernelModule } from './plugins/plugin-kernel.module.js';

/** Anything a Nest module may import. */
export type ModuleImport = Type<unknown> | DynamicModule | Promise<DynamicModule> | ForwardReference;

/** What the framework modules are built from. */
export interface HostContext {
  config: ResolvedTesseraConfig;
  logger: Logger;
  /** The host's HTTP series; plugin units record into it through `configureHttpApp`. */
  metrics: HttpMetrics;
  /** Load only these plugins and their dependencies (tests); default: all. */
  plugins?: string[];
}

/**
 * The framework's own feature modules, mounted by CoreModule after the shared services
 * (config, observability, database, cache): auth (with the global guard: every route needs
 * a token unless it is `@Public()`), one-time codes, admin accounts and roles, the
 * scheduler (its alerts go through the kernel's hook bus) and the plugin kernel.
 * Auth, OTP and the scheduler are global so the admin API and plugin units can use them.
 */
export function hostModules(context: HostContext): ModuleImport[] {
  const { config } = context;
  const production = config.nodeEnv === 'production';
  return [
    {
      ...AuthModule.forRoot({ jwtSecret: config.jwtSecret, encryptionKey: config.encryptionKey, dataDir: config.dataDir, production, globalGuard: true }),
      global: true,
    },
    { ...OtpModule.forRoot({ production }), global: true },
    AdminModule.forRoot({ initialAdmin: { email: config.adminEmail, password: config.adminPassword } }),
    {
      ...SchedulerModule.forRootAsync({
        inject: [HookBus],
        useFactory: (hooks: HookBus) => ({
          retentionDays: 30,
          maxHistoryPerTask: 1_000,
          alertAfterFailures: 3,
          emit: (name: string, payload: Record<string, unknown>) => hooks.emit(name, payload),
        }),
      }),
      global: true,
    },
    pluginKernelModule(context),
  ];
}

/** Entity classes of the framework libs (plugins register theirs at run time). */
export const HOST_ENTITIES: Function[] = [...kernelEntities, ...authEntities, ...otpEntities, ...adminEntities, ...schedulerEntities];

/** Migrations of the framework libs, run in order at boot. */
export const HOST_MIGRATIONS: Function[] = [
  ...databaseMigrations,
  ...kernelMigrations,
  ...authMigrations,
  ...otpMigrations,
  ...adminMigrations,
  ...schedulerMigrations,
];
