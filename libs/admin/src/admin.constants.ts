/** Injection token of the resolved {@link ResolvedAdminOptions}. */
export const ADMIN_OPTIONS = Symbol.for('tessera.admin.options');

/** The built-in role holding every permission (`*`); it cannot be deleted or changed. */
export const SUPER_ADMIN_ROLE = 'super_admin';

/** `typ` of the token that carries a login from the password step to the OTP step. */
export const OTP_CHALLENGE_TOKEN = 'admin_otp_challenge';

/** Route prefix of the versioned REST API. */
export const API_V1_PREFIX = 'api/v1';

/** Route prefix of the admin REST API (accounts, roles, permissions). */
export const ADMIN_API_PREFIX = `${API_V1_PREFIX}/admin`;

/** Route prefix of the admin plugin API. */
export const PLUGINS_API_PREFIX = `${API_V1_PREFIX}/plugins`;

/** Subject of an admin account in the otp lib (TOTP enrolment, recovery codes). */
export function adminOtpSubject(accountId: string): string {
  return `admin:${accountId}`;
}
