import { TesseraError } from '@tessera/sdk';

export const MIN_ADMIN_PASSWORD_LENGTH = 12;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Emails are compared and stored lower-cased and trimmed. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** `VALIDATION_ERROR` for an unusable email. */
export function assertEmail(email: string): void {
  if (!EMAIL.test(email) || email.length > 254) {
    throw new TesseraError('VALIDATION_ERROR', `"${email}" is not an email address.`, [{ field: 'email' }]);
  }
}

/** `VALIDATION_ERROR` for a password an admin account may not have. */
export function assertAdminPassword(password: string): void {
  if (typeof password !== 'string' || password.length < MIN_ADMIN_PASSWORD_LENGTH || password.length > 1024) {
    throw new TesseraError('VALIDATION_ERROR', `An admin password must be ${MIN_ADMIN_PASSWORD_LENGTH} to 1024 characters long.`, [{ field: 'password' }]);
  }
}
