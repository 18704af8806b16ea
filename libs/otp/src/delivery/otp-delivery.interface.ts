/** A one-time code on its way to a person. */
export interface OtpMessage {
  /** Who the code is for, as given to `generate` (e.g. `user:<id>` or an email). */
  subject: string;
  /** What the code is for (`login`, `email_verification`...). */
  purpose: string;
  code: string;
  expiresAt: Date;
}

/**
 * Sends one-time codes (email, SMS, a hook...). Provide your own under `OTP_DELIVERY` or
 * through `OtpModule.forRoot({ delivery })`; the default writes to the log.
 *
 * @example
 * class MailDelivery implements OtpDelivery {
 *   async deliver(message: OtpMessage) { await mailer.send(message.subject, `Your code: ${message.code}`); }
 * }
 */
export interface OtpDelivery {
  deliver(message: OtpMessage): Promise<void>;
}
