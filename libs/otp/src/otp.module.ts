import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { OTP_DELIVERY, OTP_OPTIONS } from './otp.constants.js';
import { resolveOtpOptions, type OtpModuleOptions, type ResolvedOtpOptions } from './otp-options.interface.js';
import { OtpService } from './codes/otp.service.js';
import { LogOtpDelivery } from './delivery/log-otp.delivery.js';
import { TotpService } from './totp/totp.service.js';

/**
 * One-time codes and TOTP. Global; needs `DatabaseModule` and `AuthModule` (its
 * EncryptionService keeps TOTP secrets encrypted and keys the code hashes).
 *
 * @example
 * OtpModule.forRoot({ production: env.NODE_ENV === 'production', delivery: new MailDelivery() })
 */
@Global()
@Module({})
export class OtpModule {
  static forRoot(options: OtpModuleOptions = {}): DynamicModule {
    const resolved = resolveOtpOptions(options);
    const providers: Provider[] = [
      { provide: OTP_OPTIONS, useValue: resolved },
      { provide: OTP_DELIVERY, useFactory: (opts: ResolvedOtpOptions) => options.delivery ?? new LogOtpDelivery(opts.production), inject: [OTP_OPTIONS] },
      OtpService,
      TotpService,
    ];
    return { module: OtpModule, providers, exports: [OTP_OPTIONS, OTP_DELIVERY, OtpService, TotpService] };
  }
}
