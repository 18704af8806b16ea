export * from './otp.constants.js';
export * from './otp-options.interface.js';
export * from './otp.module.js';
export * from './delivery/otp-delivery.interface.js';
export * from './delivery/log-otp.delivery.js';
export * from './codes/one-time-code.entity.js';
export * from './codes/otp.service.js';
export * from './totp/totp-enrollment.entity.js';
export * from './totp/recovery-code.entity.js';
export * from './totp/totp.service.js';

import { OneTimeCode } from './codes/one-time-code.entity.js';
import { CreateOtpTables1795000000200 } from './migrations/create-otp-tables.migration.js';
import { RecoveryCode } from './totp/recovery-code.entity.js';
import { TotpEnrollment } from './totp/totp-enrollment.entity.js';

/** Entity classes of libs/otp, for `DatabaseModule.forRoot({ entities })`. */
export const otpEntities = [OneTimeCode, TotpEnrollment, RecoveryCode];
/** Migrations of libs/otp, for `DatabaseModule.forRoot({ migrations })`. */
export const otpMigrations = [CreateOtpTables1795000000200];
export { CreateOtpTables1795000000200 };
