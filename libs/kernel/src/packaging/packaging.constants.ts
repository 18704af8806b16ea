/** Largest unpacked size of a plugin package, unless `packaging.maxBytes` says otherwise. */
export const DEFAULT_MAX_PACKAGE_BYTES = 50 * 1024 * 1024;

/** Most entries (files and folders) a plugin package may hold, unless `packaging.maxFiles` says otherwise. */
export const DEFAULT_MAX_PACKAGE_FILES = 5000;

/** Folder, inside a plugin directory, where packages are unpacked and checked before they are moved in. */
export const STAGING_FOLDER = '.staging';

/** Folder, inside the first plugin directory when the host names none, where backups are kept. */
export const BACKUPS_FOLDER = '.backups';

/** The one top-level folder of a packed plugin, as in `npm pack` (its tarballs install too). */
export const PACKAGE_ROOT = 'package';

/** What `packPlugin` puts in a package, besides plugin.yaml and the built entry's folder. */
export const PACKED_EXTRAS = ['package.json', 'README', 'README.md', 'README.txt', 'LICENSE', 'LICENSE.md', 'CHANGELOG.md'];

/** Written into each backup folder: what it holds and where it came from. */
export const BACKUP_RECORD_FILE = 'backup.json';

/** Longest wait for a remote repository's index or package. */
export const DEFAULT_REPOSITORY_TIMEOUT_MS = 15_000;
