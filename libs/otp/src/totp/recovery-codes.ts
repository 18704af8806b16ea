import { createHash, randomInt } from 'node:crypto';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
const LENGTH = 16;

/** A new recovery code, `xxxx-xxxx-xxxx-xxxx` (16 characters from 32: 80 random bits). */
export function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code.match(/.{4}/g)!.join('-');
}

/**
 * The stored form of a recovery code: SHA-256 of subject and code, ignoring case and dashes
 * so a code typed as `ABCD EFGH...` still matches. 80 random bits make a salted SHA-256
 * enough here (a slow hash is for low-entropy secrets such as passwords).
 */
export function hashRecoveryCode(subject: string, code: string): string {
  const normalised = code.toLowerCase().replace(/[^a-z0-9]/g, '');
  return createHash('sha256').update(`${subject}\0${normalised}`).digest('hex');
}
