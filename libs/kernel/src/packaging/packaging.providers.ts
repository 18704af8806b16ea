import { resolve } from 'node:path';
import type { Provider } from '@nestjs/common';
import { pino } from 'pino';
import { DataSource } from 'typeorm';
import { FRAMEWORK_VERSION, PLUGIN_LOADER_OPTIONS } from '../kernel.constants.js';
import { PluginLoader } from '../loader/plugin-loader.service.js';
import type { PluginLoaderModuleOptions } from '../plugin-loader-options.interface.js';
import { PluginStateStore } from '../state/plugin-state.store.js';
import { BACKUPS_FOLDER, DEFAULT_MAX_PACKAGE_BYTES, DEFAULT_MAX_PACKAGE_FILES, DEFAULT_REPOSITORY_TIMEOUT_MS } from './packaging.constants.js';
import { PluginBackups } from './plugin-backups.js';
import { PluginInstaller } from './plugin-installer.service.js';
import { PluginRepositories } from './plugin-repositories.js';

const maxBytesOf = (options: PluginLoaderModuleOptions) => options.packaging?.maxBytes ?? DEFAULT_MAX_PACKAGE_BYTES;

/** The installer, its repositories and backups, as PluginLoaderModule provides them. */
export const PACKAGING_PROVIDERS: Provider[] = [
  {
    provide: PluginRepositories,
    useFactory: (options: PluginLoaderModuleOptions) =>
      new PluginRepositories(options.packaging?.repositories ?? [], { maxBytes: maxBytesOf(options), timeoutMs: options.packaging?.repositoryTimeoutMs ?? DEFAULT_REPOSITORY_TIMEOUT_MS }),
    inject: [PLUGIN_LOADER_OPTIONS],
  },
  {
    provide: PluginBackups,
    useFactory: (options: PluginLoaderModuleOptions, dataSource: DataSource, store: PluginStateStore) =>
      new PluginBackups(resolve(options.packaging?.backupsDir ?? `${options.pluginDirs[0] ?? '.'}/${BACKUPS_FOLDER}`), dataSource, store),
    inject: [PLUGIN_LOADER_OPTIONS, DataSource, PluginStateStore],
  },
  {
    provide: PluginInstaller,
    useFactory: (
      options: PluginLoaderModuleOptions,
      loader: PluginLoader,
      store: PluginStateStore,
      dataSource: DataSource,
      backups: PluginBackups,
      repositories: PluginRepositories,
    ) =>
      new PluginInstaller(
        {
          pluginDirs: options.pluginDirs,
          stagingDir: options.packaging?.stagingDir,
          maxBytes: maxBytesOf(options),
          maxFiles: options.packaging?.maxFiles ?? DEFAULT_MAX_PACKAGE_FILES,
          frameworkVersion: options.frameworkVersion ?? FRAMEWORK_VERSION,
        },
        { loader, store, dataSource, backups, repositories, logger: options.logger ?? pino({ name: 'tessera' }) },
      ),
    inject: [PLUGIN_LOADER_OPTIONS, PluginLoader, PluginStateStore, DataSource, PluginBackups, PluginRepositories],
  },
];

/** What PluginLoaderModule exports of packaging. */
export const PACKAGING_EXPORTS = [PluginInstaller, PluginRepositories, PluginBackups];
