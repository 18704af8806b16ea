import type { OtpDelivery } from './delivery/otp-delivery.interface.js';

/** Options of `OtpModule.forRoot`; every one has a default. */
export interface OtpModuleOptions {
  /** Lifetime of a one-time code; default 300 s. */
  ttlSeconds?: number;
  /** Wrong guesses before a code is locked until it expires; default 5. */
  maxAttempts?: number;
  /** Digits of a one-time code; default 6. */
  digits?: number;
  /** When true the log delivery never writes the code. */
  production?: boolean;
  /** Issuer shown by authenticator apps; default `Tessera`. */
  totpIssuer?: string;
  /** Time steps of 30 s accepted before and after now; default 1 (RFC 6238's recommended drift). */
  totpWindow?: number;
  /** Recovery codes handed out when TOTP is confirmed; default 10. */
  recoveryCodeCount?: number;
  /** How codes reach people; default: the log. */
  delivery?: OtpDelivery;
}

export type ResolvedOtpOptions = Required<Omit<OtpModuleOptions, 'delivery'>>;

/**
 * Applies the defaults.
 *
 * @example
 * const options = resolveOtpOptions({ production: true });
 */
export function resolveOtpOptions(options: OtpModuleOptions = {}): ResolvedOtpOptions {
  return {
    ttlSeconds: options.ttlSeconds ?? 300,
    maxAttempts: options.maxAttempts ?? 5,
    digits: options.digits ?? 6,
    production: options.production ?? false,
    totpIssuer: options.totpIssuer ?? 'Tessera',
    totpWindow: options.totpWindow ?? 1,
    recoveryCodeCount: options.recoveryCodeCount ?? 10,
  };
}
