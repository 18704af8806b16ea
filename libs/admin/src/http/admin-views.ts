import type { IssuedTokens, SessionInfo } from '@tessera/auth';
import type { AdminAccount } from '../accounts/admin-account.entity.js';
import type { AssignmentWithRole } from '../roles/role.service.js';
import type { Role } from '../roles/role.entity.js';

/** How the API shows an account (never its password hash). */
export function accountView(account: AdminAccount, extra: { roles: string[]; totpEnabled: boolean; permissions?: string[] }) {
  return {
    id: account.id,
    email: account.email,
    display_name: account.displayName,
    is_active: account.isActive,
    roles: extra.roles,
    ...(extra.permissions ? { permissions: extra.permissions } : {}),
    totp_enabled: extra.totpEnabled,
    created_at: account.createdAt,
    updated_at: account.updatedAt,
    last_login_at: account.lastLoginAt,
  };
}

export function roleView(role: Role) {
  return {
    id: role.id,
    name: role.name,
    description: role.description,
    permissions: role.permissions,
    is_system: role.isSystem,
    created_at: role.createdAt,
    updated_at: role.updatedAt,
  };
}

export function assignmentView(assignment: AssignmentWithRole) {
  return {
    id: assignment.id,
    role: assignment.roleName,
    role_id: assignment.roleId,
    subject_kind: assignment.subjectKind,
    subject_id: assignment.subjectId,
    created_at: assignment.createdAt,
  };
}

export function tokensView(tokens: IssuedTokens) {
  return {
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    token_type: tokens.tokenType,
    expires_in: tokens.expiresIn,
    refresh_expires_in: tokens.refreshExpiresIn,
    session_id: tokens.sessionId,
  };
}

export function sessionView(session: SessionInfo, currentSessionId?: unknown) {
  return {
    id: session.id,
    current: session.id === currentSessionId,
    created_at: session.createdAt,
    last_used_at: session.lastUsedAt,
    expires_at: session.expiresAt,
    ip: session.ip,
    user_agent: session.userAgent,
  };
}
