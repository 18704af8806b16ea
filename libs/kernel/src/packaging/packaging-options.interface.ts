/** Where packages come from and where they are unpacked: the kernel's `packaging` option. */
export interface PackagingOptions {
  /**
   * Plugin repositories, searched in order: folders holding packed plugins (`*.tgz`, or an
   * `index.json`) and http(s) URLs of an `index.json` listing `{ name, version, description?, file }`.
   */
  repositories?: string[];
  /**
   * Where packages are unpacked and checked. It must be on the same file system as the plugin
   * directory so the final move is one atomic rename; default `<plugin dir>/.staging`.
   */
  stagingDir?: string;
  /** Where update and uninstall backups go; default `<first plugin dir>/.backups`. */
  backupsDir?: string;
  /** Largest unpacked size of a package, in bytes (default 50 MiB). */
  maxBytes?: number;
  /** Most entries (files and folders) in a package (default 5000). */
  maxFiles?: number;
  /** Longest wait for an HTTP repository's index or package, in milliseconds (default 15 s). */
  repositoryTimeoutMs?: number;
}

/** Size limits of one package. */
export interface PackageLimits {
  maxBytes: number;
  maxFiles: number;
}
