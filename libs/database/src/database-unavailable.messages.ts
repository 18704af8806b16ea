/** One line, whatever the driver put in its message (pg and PGlite errors can span lines). */
export function describeCause(error: unknown): string {
  const text = causeText(error);
  return text.replace(/\s+/g, ' ').trim().replace(/\.$/, '') || 'unknown error';
}

function causeText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Node reports a refused connection to a host with several addresses as an AggregateError
  // whose own message is empty; the first attempt says what happened.
  if (!error.message && error instanceof AggregateError && error.errors.length > 0) {
    return causeText(error.errors[0]);
  }
  return error.message || String((error as { code?: unknown }).code ?? error.name);
}

function errorCode(error: unknown): string | undefined {
  if (error instanceof AggregateError && error.errors.length > 0) return errorCode(error.errors[0]);
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** What the operator should do about a PostgreSQL connection failure. */
function postgresFix(error: unknown): string {
  switch (errorCode(error)) {
    case 'ECONNREFUSED':
      return 'start PostgreSQL there or correct the host and port in DATABASE_URL';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'correct the host name in DATABASE_URL';
    case '28P01':
    case '28000':
      return 'correct the user and password in DATABASE_URL';
    case '3D000':
      return 'create that database (createdb) or correct its name in DATABASE_URL';
    default:
      return /timeout/i.test(describeCause(error))
        ? 'check that the host is reachable (firewall, VPN) and DATABASE_URL is right'
        : 'check DATABASE_URL and that the server accepts connections';
  }
}

export function postgresUnavailableMessage(where: string, error: unknown): string {
  return (
    `Database unavailable: cannot connect to ${where} (${describeCause(error)}). ` +
    `Fix: ${postgresFix(error)}, or unset DATABASE_URL to use the embedded database.`
  );
}

export function pgliteUnavailableMessage(where: string, error: unknown): string {
  return (
    `Database unavailable: cannot open ${where} (${describeCause(error)}). ` +
    `Fix: check that the folder is writable and not damaged (restore it from a backup or move it away to start empty), ` +
    `or set DATABASE_URL to use PostgreSQL.`
  );
}

export function pgliteLockedMessage(folder: string, lockFile: string, pid: number, sameProcess: boolean): string {
  const holder = sameProcess ? `this process (pid ${pid}) already has it open` : `process ${pid} is using it`;
  return (
    `Database unavailable: the embedded database folder ${folder} is locked, ${holder} (lock file ${lockFile}). ` +
    `Fix: stop that process, or give this one another DATA_DIR, or use PostgreSQL with DATABASE_URL; ` +
    `delete the lock file only if process ${pid} is not a Tessera process.`
  );
}

export function migrationFailedMessage(where: string, error: unknown): string {
  return (
    `Database migration failed on ${where} (${describeCause(error)}). ` +
    `Nothing of this migration run was applied; fix the failing migration and start again.`
  );
}
