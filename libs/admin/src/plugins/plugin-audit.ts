import type { Principal } from '@tessera/sdk';
import type { AuditActor } from '../audit/audit-log.service.js';

/** The audit actor of a request's principal. */
export function auditActor(principal: Principal | undefined): AuditActor | null {
  return principal ? { id: principal.id } : null;
}

/** The audit target of a plugin. */
export function pluginTarget(name: string): string {
  return `plugin:${name}`;
}
