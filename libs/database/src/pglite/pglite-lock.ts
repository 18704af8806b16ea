import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PGLITE_FOLDER, PGLITE_LOCK_FILE } from '../database.constants.js';
import { DatabaseUnavailableError } from '../database-unavailable.exception.js';
import { pgliteLockedMessage } from '../database-unavailable.messages.js';

/** A held lock on `<dataDir>/pglite`; `release()` is idempotent. */
export interface PgliteLock {
  readonly file: string;
  release(): void;
}

// Lock files this process holds. A lock naming our own pid that is not in this set was left
// by an earlier process that had the same pid (typical for pid 1 in a restarted container).
const heldByThisProcess = new Set<string>();

/**
 * Takes `<dataDir>/pglite.lock` (holding our pid) so that no second opener, in this process or
 * another, opens the same PGlite folder: PGlite has no locking of its own and two writers lose
 * rows. A lock left by a dead process is taken over.
 */
export function acquirePgliteLock(dataDir: string): PgliteLock {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, PGLITE_LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(file)) return holdLock(file);
    const owner = readOwner(file);
    if (owner === undefined) continue; // released between our attempt and the read
    const sameProcess = owner === process.pid && heldByThisProcess.has(file);
    if (sameProcess || (owner !== process.pid && isAlive(owner))) {
      throw new DatabaseUnavailableError(pgliteLockedMessage(join(dataDir, PGLITE_FOLDER), file, owner, sameProcess));
    }
    takeOverStale(file, owner);
  }
  throw new DatabaseUnavailableError(
    `Database unavailable: could not take the lock file ${file}, other processes keep changing it. Fix: start one process at a time on this DATA_DIR.`,
  );
}

/** Writes our pid to a private file, then links it into place: the lock never exists empty. */
function tryCreate(file: string): boolean {
  const draft = `${file}.${process.pid}`;
  const fd = openSync(draft, 'w');
  try {
    writeSync(fd, String(process.pid));
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(draft, { force: true });
  }
}

/** The pid in a lock file, 0 when unreadable, undefined when the file is gone. */
function readOwner(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function isAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Moves the stale lock aside under a name of our own and deletes it only if it still names the
 * dead owner; if a faster process replaced it meanwhile, its live lock is put back.
 */
function takeOverStale(file: string, deadOwner: number): void {
  const aside = `${file}.stale.${process.pid}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (readOwner(aside) === deadOwner) {
    unlinkSync(aside);
    return;
  }
  try {
    linkSync(aside, file);
  } finally {
    rmSync(aside, { force: true });
  }
}

function holdLock(file: string): PgliteLock {
  heldByThisProcess.add(file);
  let held = true;
  return {
    file,
    release() {
      if (!held) return;
      held = false;
      heldByThisProcess.delete(file);
      // Never delete a lock that another process took over meanwhile.
      if (readOwner(file) === process.pid) rmSync(file, { force: true });
    },
  };
}
