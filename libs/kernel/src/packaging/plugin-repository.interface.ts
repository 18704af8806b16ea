/** One package a repository offers. */
export interface RepositoryPackage {
  name: string;
  version: string;
  description?: string;
  category?: string;
  /** Where the `.tgz` is: a path inside a folder repository, an absolute URL for an HTTP one. */
  file: string;
  /** The repository it comes from, as configured. */
  repository: string;
}

/** A source of packed plugins (a folder or an HTTP index). */
export interface PluginRepository {
  /** As configured: the folder path or the index URL. */
  readonly source: string;
  readonly kind: 'folder' | 'http';
  /** Every package offered. @throws when the repository cannot be read. */
  list(): Promise<RepositoryPackage[]>;
  /**
   * A local `.tgz` of `entry`, and how to get rid of it: a folder repository's own file (nothing
   * to delete) or a download into `intoDir` (deleted by `release`).
   */
  fetch(entry: RepositoryPackage, intoDir: string): Promise<{ file: string; release(): Promise<void> }>;
}

/** The shape of an `index.json`: a list of packages, bare or under `plugins`. */
export interface RepositoryIndexEntry {
  name: string;
  version: string;
  description?: string;
  category?: string;
  file: string;
}
