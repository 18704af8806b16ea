import type { Provider } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { PermissionChecker } from './context/permission-checker.interface.js';
import type { Logger } from 'pino';
import type { RequestTelemetry } from '@tessera/observability';
import type { RequestObserver } from './unit/unit-request-hooks.js';
import type { PackagingOptions } from './packaging/packaging-options.interface.js';
import type { PluginObservabilityOptions, QuarantineOptions } from './observability/observability-options.interface.js';

/** Options of PluginLoaderModule.forRoot / forRootAsync. */
export interface PluginLoaderModuleOptions {
  /** Folders whose subfolders holding a plugin.yaml are plugins. */
  pluginDirs: string[];
  /** Load only these plugins and what they depend on (the testing harness uses it); default: all. */
  include?: string[];
  /** Checked against each manifest's framework_version; defaults to this kernel's version. */
  frameworkVersion?: string;
  /** Longest wait for in-flight requests when a plugin is disabled or replaced (default 10 s). */
  drainTimeoutMs?: number;
  /** The process logger; plugin loggers are its children. */
  logger?: Logger;
  /**
   * Applies the host's exception filter and validation pipe to each plugin unit. Leave request
   * ids, logs and metrics to `unitTelemetry` (`configureHttpApp(app, { ..., requestHooks: false })`),
   * or each request is logged twice.
   */
  configureUnitApp?: (app: NestFastifyApplication, plugin: string) => void | Promise<void>;
  /**
   * Request ids, request logs and HTTP metrics of a unit, run from the kernel's own per-unit
   * hooks (default: Tessera's, logging through `logger`, without metrics).
   */
  unitTelemetry?: (plugin: string) => RequestTelemetry;
  /** Fastify options of each unit (body limit, request ids), like the host's. */
  unitServerOptions?: Record<string, unknown>;
  /**
   * Extra providers of the host a plugin may inject (a task registry bound to it, shared
   * auth services...). Wrap shared services with `guardedService` so each use is checked
   * against the plugin's permissions.
   */
  unitProviders?: (plugin: string, permissions: PermissionChecker) => Provider[];
  /** Records each plugin request (metrics). */
  observe?: RequestObserver;
  /** When a plugin that keeps failing is taken out of traffic (default: 20 failures in 60 s). */
  quarantine?: QuarantineOptions;
  /** Retention of per-plugin metrics and the health checks' timeout. */
  observability?: PluginObservabilityOptions;
  /** Installing from packages: repositories, staging and backup folders, size limits. */
  packaging?: PackagingOptions;
}
