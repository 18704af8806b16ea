import { Logger } from '@nestjs/common';
import type { OtpDelivery, OtpMessage } from './otp-delivery.interface.js';

/**
 * The default delivery: writes the code to the log so a developer can use it. In
 * production it only records that a code was issued; the code itself never reaches the log.
 *
 * @example
 * OtpModule.forRoot({ delivery: new LogOtpDelivery(false) }); // the default outside production
 */
export class LogOtpDelivery implements OtpDelivery {
  private readonly logger = new Logger('Otp');

  constructor(private readonly production: boolean) {}

  async deliver(message: OtpMessage): Promise<void> {
    const what = `one-time code for ${message.subject} (${message.purpose}), valid until ${message.expiresAt.toISOString()}`;
    if (this.production) this.logger.log(`Issued a ${what}; configure an OTP delivery to send it.`);
    else this.logger.log(`Issued ${message.code}: ${what} (development log delivery).`);
  }
}
