import type { AuditEntry } from './audit-entry.entity.js';

/** How the API shows an audit entry. */
export function auditEntryView(entry: AuditEntry) {
  return {
    id: entry.id,
    at: entry.at,
    actor: { id: entry.actorId, email: entry.actorEmail },
    action: entry.action,
    target: entry.target,
    params: entry.params,
    result: entry.result,
    error_code: entry.errorCode,
    error_message: entry.errorMessage,
  };
}
