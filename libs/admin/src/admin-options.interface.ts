/** Options of `AdminModule.forRoot`. */
export interface AdminModuleOptions {
  /**
   * First super admin, created at boot when no admin account exists yet (ADMIN_EMAIL /
   * ADMIN_PASSWORD). Ignored once any account exists.
   */
  initialAdmin?: { email?: string; password?: string };
  /** How long the password step's challenge token lives before the OTP step; default 300 s. */
  otpChallengeTtlSeconds?: number;
  /**
   * Mount the admin plugin API (`/api/v1/plugins`); default true. It needs the kernel's
   * providers (`PluginLoaderModule`), so an app without plugins turns it off.
   */
  pluginApi?: boolean;
}

export interface ResolvedAdminOptions {
  initialAdmin?: { email: string; password: string };
  otpChallengeTtlSeconds: number;
  pluginApi: boolean;
}

/**
 * Applies the defaults; an initial admin needs both its email and its password.
 *
 * @example
 * resolveAdminOptions({ initialAdmin: { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD } });
 */
export function resolveAdminOptions(options: AdminModuleOptions = {}): ResolvedAdminOptions {
  const { email, password } = options.initialAdmin ?? {};
  return {
    initialAdmin: email && password ? { email, password } : undefined,
    otpChallengeTtlSeconds: options.otpChallengeTtlSeconds ?? 300,
    pluginApi: options.pluginApi ?? true,
  };
}
