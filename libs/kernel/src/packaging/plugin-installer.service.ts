import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { isTesseraError, TesseraError, type PluginManifest } from '@tessera/sdk';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { PluginLoader } from '../loader/plugin-loader.service.js';
import type { PluginStateStore } from '../state/plugin-state.store.js';
import { inspectStagedPlugin } from './inspect-staged-plugin.js';
import { localPackage } from './local-package.js';
import { moveFolder } from './move-folder.js';
import type { InstallResult, PackageSource, UninstallOptions, UninstallResult, UpdateResult } from './package-source.interface.js';
import { asPackageRejection, packageRejected } from './package-rejected.js';
import { PluginBackups } from './plugin-backups.js';
import { executedMigrations, revertMigrationsNamed, revertPluginMigrations } from './plugin-migration-state.js';
import { PluginRepositories } from './plugin-repositories.js';
import { STAGING_FOLDER } from './packaging.constants.js';
import type { PackageLimits } from './packaging-options.interface.js';
import { saveStream, StreamTooLargeError } from './save-stream.js';
import { unpackPlugin, type StagedPackage } from './unpack-plugin.js';

/** What the installer is configured with (resolved from the kernel's `packaging` option). */
export interface InstallerSettings extends PackageLimits {
  pluginDirs: string[];
  /** Explicit staging folder; else `<plugin dir>/.staging` next to each plugin's folder. */
  stagingDir?: string;
  frameworkVersion: string;
}

/** Shared services the installer works with. */
export interface InstallerServices {
  loader: PluginLoader;
  store: PluginStateStore;
  dataSource: DataSource;
  backups: PluginBackups;
  repositories: PluginRepositories;
  logger: Logger;
}

/** A checked package, unpacked next to where it will go. */
interface CheckedPackage extends StagedPackage {
  manifest: PluginManifest;
  warnings: string[];
}

const unique = () => randomBytes(6).toString('hex');

/**
 * Installs, updates and uninstalls plugins from packages while the server serves. A package is
 * unpacked and checked in a staging folder on the plugin directory's file system, then moved
 * into place with one rename; any failure leaves the plugin directory and the database as they
 * were. Updates keep a backup and roll back by themselves when the new version cannot start.
 *
 * @example
 * await installer.install({ path: 'dist/packages/hello-1.0.0.tgz' });
 * await installer.update('hello', { repository: 'https://plugins.example.com/index.json', name: 'hello', version: '^1.1' });
 * await installer.uninstall('hello', { backup: true, cleanupData: true });
 */
export class PluginInstaller {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly settings: InstallerSettings,
    private readonly services: InstallerServices,
  ) {}

  /** Size limits packages (and uploads) are held to. */
  get limits(): PackageLimits {
    return { maxBytes: this.settings.maxBytes, maxFiles: this.settings.maxFiles };
  }

  /**
   * Saves an uploaded package into the staging folder (at most `maxBytes`), for `install({ file })`.
   *
   * @throws PLUGIN_INSTALLATION_FAILED when the upload is too large or breaks off.
   */
  async receiveUpload(stream: Readable): Promise<{ file: string; discard(): Promise<void> }> {
    const stagingDir = this.stagingDirFor(this.installRoot());
    await mkdir(stagingDir, { recursive: true });
    const file = join(stagingDir, `upload-${unique()}.tgz`);
    try {
      await saveStream(stream, file, this.settings.maxBytes);
    } catch (error) {
      throw packageRejected(error instanceof StreamTooLargeError ? `the upload is larger than ${error.limit} bytes` : `the upload broke off (${(error as Error)?.message ?? String(error)})`);
    }
    return { file, discard: () => rm(file, { force: true }) };
  }

  /**
   * Installs a package as `<first plugin dir>/<name>` and starts it.
   *
   * @throws PLUGIN_ALREADY_INSTALLED (409) when a plugin (or a folder) of that name exists;
   * PLUGIN_INSTALLATION_FAILED with `details.reason` for any other failure, nothing left behind.
   */
  install(source: PackageSource): Promise<InstallResult> {
    return this.serialised(async () => {
      const root = this.installRoot();
      const checked = await this.checkPackage(source, this.stagingDirFor(root));
      const { manifest } = checked;
      const target = join(root, manifest.name);
      try {
        if (this.services.loader.get(manifest.name)) {
          throw new TesseraError('PLUGIN_ALREADY_INSTALLED', `A plugin named "${manifest.name}" is already installed. Update it instead (PUT /api/v1/plugins/${manifest.name}).`);
        }
        if (existsSync(target)) {
          throw new TesseraError('PLUGIN_ALREADY_INSTALLED', `A folder named "${manifest.name}" already exists in ${root}. Remove it, or update the plugin instead.`);
        }
        await moveFolder(checked.dir, target);
      } finally {
        await checked.discard();
      }
      const hadMigrations = (await executedMigrations(this.services.dataSource, manifest.name)).length > 0;
      try {
        const record = await this.services.loader.install(target);
        this.services.logger.info({ plugin: manifest.name, version: manifest.version }, `Plugin ${manifest.name} ${manifest.version} installed`);
        return { plugin: record.name, version: manifest.version, state: record.state, dir: target, warnings: checked.warnings };
      } catch (error) {
        await this.undoInstall(target, manifest, hadMigrations);
        if (isTesseraError(error) && error.code === 'PLUGIN_ALREADY_INSTALLED') throw error;
        throw asPackageRejection(error);
      }
    });
  }

  /**
   * Replaces an installed plugin's files with a package of the same plugin and reloads it. The
   * previous version is backed up first; if the new one cannot start, its files are put back,
   * the previous version keeps serving, and PLUGIN_STARTUP_FAILED says `rolled_back: true`.
   */
  update(name: string, source: PackageSource): Promise<UpdateResult> {
    return this.serialised(async () => {
      const { loader, backups, store } = this.services;
      const record = loader.get(name);
      if (!record) throw new TesseraError('PLUGIN_NOT_FOUND', `No plugin named "${name}" is installed. Install it instead.`);
      if (!record.manifest || !record.dir || !existsSync(record.dir)) {
        throw packageRejected(`"${name}" has no folder with a valid plugin.yaml to replace (${record.error?.message ?? 'unknown state'}); uninstall it and install the package`);
      }
      const stagingDir = this.stagingDirFor(dirname(record.dir));
      const checked = await this.checkPackage(source, stagingDir);
      const previous = record.manifest.version;
      const aside = join(stagingDir, `${name}.previous-${unique()}`);
      let backupId: string;
      try {
        if (checked.manifest.name !== name) throw packageRejected(`the package is the plugin "${checked.manifest.name}", not "${name}"`);
        backupId = (await backups.create({ plugin: name, version: previous, dir: record.dir, reason: 'update', otherPlugins: this.otherPlugins(name) })).id;
        await moveFolder(record.dir, aside);
        await moveFolder(checked.dir, record.dir).catch(async (error: unknown) => {
          await moveFolder(aside, record.dir);
          throw error;
        });
      } catch (error) {
        await checked.discard();
        throw asPackageRejection(error);
      }
      const before = await store.get(name);
      const migrationsBefore = new Set((await executedMigrations(this.services.dataSource, name)).map((migration) => migration.name));
      try {
        const result = await loader.reload(name);
        this.services.logger.info({ plugin: name, version: checked.manifest.version, backup: backupId }, `Plugin ${name} updated from ${previous} to ${checked.manifest.version}`);
        return { plugin: name, previous_version: previous, version: checked.manifest.version, state: result.state, backup_id: backupId };
      } catch (error) {
        const data = await this.revertUpdateMigrations(record.dir, checked.manifest, migrationsBefore);
        const failed = join(stagingDir, `${name}.failed-${unique()}`);
        await moveFolder(record.dir, failed);
        await moveFolder(aside, record.dir);
        await rm(failed, { recursive: true, force: true });
        // The failed start already recorded the new version and granted its permissions.
        if (before) await store.update(name, { version: before.version, granted: before.granted });
        const cause = isTesseraError(error) ? { code: error.code, message: error.message } : { code: 'PLUGIN_STARTUP_FAILED', message: (error as Error)?.message ?? String(error) };
        this.services.logger.error({ plugin: name, backup: backupId }, `Update of ${name} to ${checked.manifest.version} failed and was rolled back: ${cause.message}`);
        throw new TesseraError(
          'PLUGIN_STARTUP_FAILED',
          `${name} ${checked.manifest.version} could not start (${cause.message}). Rolled back: ${name} ${previous} is still installed${record.state === 'active' ? ' and serving' : ''}.`,
          { rolled_back: true, backup_id: backupId, version: previous, failed_version: checked.manifest.version, cause, ...data },
        );
      } finally {
        await rm(aside, { recursive: true, force: true });
        await checked.discard();
      }
    });
  }

  /**
   * Unloads a plugin and deletes its folder, after a backup of its files and data when asked.
   *
   * @throws PLUGIN_DEPENDENCY_ERROR (409) while other plugins depend on it, unless `force`.
   */
  uninstall(name: string, options: UninstallOptions = {}): Promise<UninstallResult> {
    return this.serialised(async () => {
      const { loader, backups } = this.services;
      const record = loader.get(name);
      if (!record) throw new TesseraError('PLUGIN_NOT_FOUND', `No plugin named "${name}" is installed.`);
      const dependents = loader.dependentsOf(name);
      if (dependents.length > 0 && !options.force) {
        throw new TesseraError('PLUGIN_DEPENDENCY_ERROR', `${name} cannot be uninstalled: ${dependents.join(', ')} depend on it. Uninstall them first, or pass force to disable them.`, { dependents });
      }
      const version = record.manifest?.version ?? (await this.services.store.get(name))?.version ?? null;
      const dir = record.dir;
      // Taken before the uninstall: cleanup_data drops the very tables the backup keeps.
      const backup = options.backup ? await backups.create({ plugin: name, version: version ?? 'unknown', dir, reason: 'uninstall', otherPlugins: this.otherPlugins(name) }) : undefined;
      let result;
      try {
        result = await loader.uninstall(name, { force: options.force, cleanupData: options.cleanupData });
      } catch (error) {
        if (backup) await backups.discard(backup.id);
        throw error;
      }
      if (dir && this.isPluginFolder(dir)) await rm(dir, { recursive: true, force: true });
      this.services.logger.info({ plugin: name, backup: backup?.id }, `Plugin ${name} uninstalled${options.cleanupData ? ' with its data' : ''}`);
      return { plugin: name, version, cascaded: result.cascaded, backup_id: backup?.id ?? null, data_removed: Boolean(options.cleanupData) };
    });
  }

  /** Turns any source into a package unpacked and checked under `stagingDir`. */
  private async checkPackage(source: PackageSource, stagingDir: string): Promise<CheckedPackage> {
    const { file, release } = await localPackage(source, stagingDir, this.services.repositories);
    try {
      const staged = await unpackPlugin(file, { stagingDir, ...this.limits });
      try {
        const { manifest, warnings } = inspectStagedPlugin(staged.dir, { frameworkVersion: this.settings.frameworkVersion, active: this.activeManifests() });
        return { ...staged, manifest, warnings };
      } catch (error) {
        await staged.discard();
        throw error;
      }
    } finally {
      await release();
    }
  }

  /**
   * Undoes the migrations a failed new version ran (with its own code, still in `dir`), so the
   * previous version finds the schema it knows. What cannot be undone is reported, not hidden.
   */
  private async revertUpdateMigrations(dir: string, manifest: PluginManifest, before: Set<string>): Promise<{ migrations_reverted: string[]; migrations_left_applied: string[] }> {
    const added = (await executedMigrations(this.services.dataSource, manifest.name)).map((migration) => migration.name).filter((name) => !before.has(name));
    try {
      return { migrations_reverted: await revertMigrationsNamed(this.services.dataSource, dir, manifest, added), migrations_left_applied: [] };
    } catch (error) {
      this.services.logger.error({ plugin: manifest.name, err: error }, `Could not revert the migrations ${added.join(', ')} of the failed update of ${manifest.name}`);
      return { migrations_reverted: [], migrations_left_applied: added };
    }
  }

  /**
   * Deletes a failed install's folder and, when no earlier install left data behind, the
   * migrations it ran.
   */
  private async undoInstall(target: string, manifest: PluginManifest, hadMigrations: boolean): Promise<void> {
    const { dataSource, logger } = this.services;
    try {
      if (!hadMigrations && (await executedMigrations(dataSource, manifest.name)).length > 0) await revertPluginMigrations(dataSource, target, manifest);
    } catch (error) {
      logger.error({ plugin: manifest.name, err: error }, `Could not undo the migrations of the failed install of ${manifest.name}`);
    }
    await rm(target, { recursive: true, force: true });
  }

  private installRoot(): string {
    const [first] = this.settings.pluginDirs;
    if (!first) throw packageRejected('no plugin directory is configured (PLUGIN_DIRS)');
    return resolve(first);
  }

  private stagingDirFor(pluginRoot: string): string {
    return this.settings.stagingDir ? resolve(this.settings.stagingDir) : join(pluginRoot, STAGING_FOLDER);
  }

  /** True for a direct subfolder of a plugin directory: the only kind of folder uninstall deletes. */
  private isPluginFolder(dir: string): boolean {
    const parent = dirname(resolve(dir));
    return basename(dir) !== '' && this.settings.pluginDirs.some((root) => resolve(root) === parent);
  }

  private activeManifests(): PluginManifest[] {
    return this.services.loader
      .list()
      .filter((record) => record.state === 'active' && record.manifest)
      .map((record) => record.manifest!);
  }

  private otherPlugins(name: string): string[] {
    return this.services.loader
      .list()
      .map((record) => record.name)
      .filter((other) => other !== name);
  }

  /** One change at a time: two installs of the same name must not both find the place free. */
  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
