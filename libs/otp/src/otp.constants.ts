/** Injection token of the resolved {@link ResolvedOtpOptions}. */
export const OTP_OPTIONS = Symbol.for('tessera.otp.options');

/** Injection token of the {@link OtpDelivery} that sends one-time codes. */
export const OTP_DELIVERY = Symbol.for('tessera.otp.delivery');

/** HKDF purpose of the key one-time codes are hashed with. */
export const OTP_HASH_KEY_PURPOSE = 'tessera-otp-code-v1';
