import type { PluginRecord } from '../loader/plugin-record.js';

/**
 * Where a package comes from: a `.tgz` already on the server (an upload saved by
 * `PluginInstaller.receiveUpload`), a path on the server (a `.tgz` or a built plugin folder),
 * or a configured repository (`version`: exact or a semver range; the highest by default).
 */
export type PackageSource = { file: string } | { path: string } | { repository: string; name: string; version?: string };

/** What an install did. */
export interface InstallResult {
  plugin: string;
  version: string;
  state: PluginRecord['state'];
  /** The plugin's folder now. */
  dir: string;
  /** Remarks on its plugin.yaml (misspelt fields...). */
  warnings: string[];
}

/** What an update did. */
export interface UpdateResult {
  plugin: string;
  previous_version: string;
  version: string;
  state: PluginRecord['state'];
  /** The backup of the previous version (files, tables, migration state, stored settings). */
  backup_id: string;
}

/** What an uninstall did. */
export interface UninstallResult {
  plugin: string;
  version: string | null;
  /** Dependents disabled with it (`force`). */
  cascaded: string[];
  /** Set when a backup was asked for. */
  backup_id: string | null;
  /** Its tables (down migrations), cache namespace and logs were removed. */
  data_removed: boolean;
}

/** Options of an uninstall. */
export interface UninstallOptions {
  /** Disable the plugins that depend on it instead of refusing. */
  force?: boolean;
  /** Keep a backup of its files and data first. */
  backup?: boolean;
  /** Drop its tables (down migrations), clear its cache namespace and logs. */
  cleanupData?: boolean;
}
