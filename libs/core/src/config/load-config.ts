import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { LogFormat, LogLevel } from '@tessera/observability';
import { ConfigurationError, type ConfigurationProblem } from './configuration.error.js';
import { EnvironmentVariables, EXPECTED_FORMS, SECRET_VARIABLES } from './environment-variables.dto.js';
import type { NodeEnv, TesseraConfig } from './tessera-config.interface.js';

/** Defaults of every optional variable; what `npm start` on a fresh clone runs with. */
export const CONFIG_DEFAULTS = {
  nodeEnv: 'development',
  port: 8082,
  host: '0.0.0.0',
  dataDir: './data',
  databasePoolSize: 10,
  cacheKeyPrefix: 'tessera:',
  logLevel: 'info',
  logFormat: 'auto',
  bodyLimitBytes: 1_048_576,
  shutdownTimeoutMs: 10_000,
  pluginDirs: ['./plugins'],
  pluginPackageMaxBytes: 50 * 1024 * 1024,
  pluginPackageMaxFiles: 5000,
  quarantineFailures: 20,
  quarantineWindowSeconds: 60,
} as const satisfies Partial<TesseraConfig>;

/**
 * Reads and validates the configuration from environment variables. An empty value
 * counts as unset. Throws a ConfigurationError naming every bad variable at once.
 *
 * @example
 * const config = loadConfig({ ...process.env, PORT: '0' });
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): TesseraConfig {
  const raw: Record<string, string> = {};
  for (const name of Object.keys(EXPECTED_FORMS)) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') raw[name] = value.trim();
  }

  const variables = plainToInstance(EnvironmentVariables, raw);
  const problems: ConfigurationProblem[] = validateSync(variables).map((error) => problem(error.property, raw[error.property]));
  problems.push(...crossFieldProblems(raw));
  if (problems.length > 0) throw new ConfigurationError(problems);

  return {
    nodeEnv: (variables.NODE_ENV as NodeEnv | undefined) ?? CONFIG_DEFAULTS.nodeEnv,
    port: variables.PORT ?? CONFIG_DEFAULTS.port,
    host: variables.HOST ?? CONFIG_DEFAULTS.host,
    dataDir: variables.DATA_DIR ?? CONFIG_DEFAULTS.dataDir,
    databaseUrl: variables.DATABASE_URL,
    databasePoolSize: variables.DATABASE_POOL_SIZE ?? CONFIG_DEFAULTS.databasePoolSize,
    redisUrl: variables.REDIS_URL,
    cacheKeyPrefix: variables.CACHE_KEY_PREFIX ?? CONFIG_DEFAULTS.cacheKeyPrefix,
    logLevel: (variables.LOG_LEVEL as LogLevel | undefined) ?? CONFIG_DEFAULTS.logLevel,
    logFormat: (variables.LOG_FORMAT as LogFormat | undefined) ?? CONFIG_DEFAULTS.logFormat,
    bodyLimitBytes: variables.BODY_LIMIT_BYTES ?? CONFIG_DEFAULTS.bodyLimitBytes,
    shutdownTimeoutMs: variables.SHUTDOWN_TIMEOUT_MS ?? CONFIG_DEFAULTS.shutdownTimeoutMs,
    pluginDirs: variables.PLUGIN_DIRS?.split(',').map((dir) => dir.trim()) ?? [...CONFIG_DEFAULTS.pluginDirs],
    pluginRepositories: variables.PLUGIN_REPOSITORIES?.split(',').map((source) => source.trim()) ?? [],
    pluginPackageMaxBytes: variables.PLUGIN_PACKAGE_MAX_BYTES ?? CONFIG_DEFAULTS.pluginPackageMaxBytes,
    pluginPackageMaxFiles: variables.PLUGIN_PACKAGE_MAX_FILES ?? CONFIG_DEFAULTS.pluginPackageMaxFiles,
    quarantineFailures: variables.QUARANTINE_FAILURES ?? CONFIG_DEFAULTS.quarantineFailures,
    quarantineWindowSeconds: variables.QUARANTINE_WINDOW_SECONDS ?? CONFIG_DEFAULTS.quarantineWindowSeconds,
    quarantineWebhookUrl: variables.QUARANTINE_WEBHOOK_URL,
    jwtSecret: variables.JWT_SECRET,
    encryptionKey: variables.ENCRYPTION_KEY,
    adminEmail: variables.ADMIN_EMAIL,
    adminPassword: variables.ADMIN_PASSWORD,
  };
}

function problem(variable: string, value: string | undefined, expected = EXPECTED_FORMS[variable as keyof typeof EXPECTED_FORMS]): ConfigurationProblem {
  return SECRET_VARIABLES.has(variable) || value === undefined ? { variable, expected } : { variable, expected, received: value };
}

// Rules that involve more than one variable; a variable already reported as malformed is
// not reported again as missing.
function crossFieldProblems(raw: Record<string, string>): ConfigurationProblem[] {
  const problems: ConfigurationProblem[] = [];
  if (raw.NODE_ENV === 'production') {
    for (const variable of ['JWT_SECRET', 'ENCRYPTION_KEY'] as const) {
      if (raw[variable] === undefined) problems.push(problem(variable, undefined, `set in production: ${EXPECTED_FORMS[variable]}`));
    }
  }
  if ((raw.ADMIN_EMAIL === undefined) !== (raw.ADMIN_PASSWORD === undefined)) {
    const missing = raw.ADMIN_EMAIL === undefined ? 'ADMIN_EMAIL' : 'ADMIN_PASSWORD';
    problems.push(problem(missing, undefined, `set together with ${missing === 'ADMIN_EMAIL' ? 'ADMIN_PASSWORD' : 'ADMIN_EMAIL'}: ${EXPECTED_FORMS[missing]}`));
  }
  return problems;
}
