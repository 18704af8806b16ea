// class-transformer's @Type reads design metadata; loadConfig may run before Nest loads it.
import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min, MinLength, ValidateBy } from 'class-validator';

/**
 * The expected form of each variable, as shown to the operator when it is wrong.
 * `.env.example` and docs/configuration.md say the same in more words.
 */
export const EXPECTED_FORMS: Record<keyof EnvironmentVariables, string> = {
  NODE_ENV: 'one of development, production, test',
  PORT: 'an integer from 0 to 65535',
  HOST: 'a host name or IP address to listen on, such as 0.0.0.0 or 127.0.0.1',
  DATA_DIR: 'a directory path',
  DATABASE_URL: 'a postgres:// or postgresql:// URL, such as postgres://user:password@host:5432/db',
  DATABASE_POOL_SIZE: 'an integer from 1 to 100',
  REDIS_URL: 'a redis:// or rediss:// URL, such as redis://127.0.0.1:6379',
  CACHE_KEY_PREFIX: 'letters, digits, _ - . : ending with a colon, such as tessera: (at most 64 characters)',
  LOG_LEVEL: 'one of fatal, error, warn, info, debug, trace, silent',
  LOG_FORMAT: 'one of auto, pretty, json',
  BODY_LIMIT_BYTES: 'an integer number of bytes from 1024 to 1073741824',
  SHUTDOWN_TIMEOUT_MS: 'an integer number of milliseconds from 0 to 600000',
  PLUGIN_DIRS: 'a comma-separated list of directories, such as ./plugins,/opt/tessera/plugins',
  PLUGIN_REPOSITORIES: 'a comma-separated list of folders and http(s) URLs of index.json files, such as ./repository,https://plugins.example.com/index.json',
  PLUGIN_PACKAGE_MAX_BYTES: 'an integer number of bytes from 1024 to 1073741824',
  PLUGIN_PACKAGE_MAX_FILES: 'an integer from 1 to 1000000',
  QUARANTINE_FAILURES: 'an integer from 0 (quarantine off) to 100000',
  QUARANTINE_WINDOW_SECONDS: 'an integer number of seconds from 1 to 86400',
  QUARANTINE_WEBHOOK_URL: 'an http:// or https:// URL, such as https://ops.example.com/hooks/tessera',
  JWT_SECRET: 'a secret of at least 32 characters (for example: openssl rand -base64 48)',
  ENCRYPTION_KEY: 'a 32-byte key as 64 hex characters or base64 (for example: openssl rand -hex 32)',
  ADMIN_EMAIL: 'an email address',
  ADMIN_PASSWORD: 'a password of at least 12 characters',
};

/** Variables whose values never appear in an error message. */
// A webhook URL often carries its access token in the path.
export const SECRET_VARIABLES = new Set<string>(['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'ENCRYPTION_KEY', 'ADMIN_PASSWORD', 'QUARANTINE_WEBHOOK_URL']);

const isAes256Key = (value: unknown): boolean =>
  typeof value === 'string' &&
  (/^[0-9a-fA-F]{64}$/.test(value) || (/^[A-Za-z0-9+/]{43}=?$/.test(value) && Buffer.from(value, 'base64').length === 32));

// Each item a folder path or an http(s) URL; any other scheme (ftp://, file://) is a mistake.
const isRepositoryList = (value: unknown): boolean =>
  typeof value === 'string' &&
  value.split(',').every((item) => {
    const source = item.trim();
    if (source === '') return false;
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return true;
    try {
      return ['http:', 'https:'].includes(new URL(source).protocol);
    } catch {
      return false;
    }
  });

/**
 * The environment as class-validator sees it. Values arrive as strings; numbers are
 * converted first so that `PORT=abc` fails as "an integer".
 */
export class EnvironmentVariables {
  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  PORT?: number;

  @IsOptional() @IsString() @Matches(/^[^\s/]+$/)
  HOST?: string;

  @IsOptional() @IsString() @MinLength(1)
  DATA_DIR?: string;

  @IsOptional() @IsUrl({ protocols: ['postgres', 'postgresql'], require_protocol: true, require_tld: false, require_host: true })
  DATABASE_URL?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100)
  DATABASE_POOL_SIZE?: number;

  @IsOptional() @IsUrl({ protocols: ['redis', 'rediss'], require_protocol: true, require_tld: false, require_host: true })
  REDIS_URL?: string;

  @IsOptional() @Matches(/^[A-Za-z0-9_.:-]{1,63}:$/)
  CACHE_KEY_PREFIX?: string;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional() @IsIn(['auto', 'pretty', 'json'])
  LOG_FORMAT?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1024) @Max(1_073_741_824)
  BODY_LIMIT_BYTES?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(600_000)
  SHUTDOWN_TIMEOUT_MS?: number;

  @IsOptional() @IsString() @Matches(/^\s*[^,\s][^,]*(,\s*[^,\s][^,]*)*\s*$/)
  PLUGIN_DIRS?: string;

  @IsOptional() @ValidateBy({ name: 'isRepositoryList', validator: { validate: isRepositoryList } })
  PLUGIN_REPOSITORIES?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1024) @Max(1_073_741_824)
  PLUGIN_PACKAGE_MAX_BYTES?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1_000_000)
  PLUGIN_PACKAGE_MAX_FILES?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(100_000)
  QUARANTINE_FAILURES?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(86_400)
  QUARANTINE_WINDOW_SECONDS?: number;

  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  QUARANTINE_WEBHOOK_URL?: string;

  @IsOptional() @IsString() @MinLength(32)
  JWT_SECRET?: string;

  @IsOptional() @ValidateBy({ name: 'isAes256Key', validator: { validate: isAes256Key } })
  ENCRYPTION_KEY?: string;

  @IsOptional() @IsEmail()
  ADMIN_EMAIL?: string;

  @IsOptional() @IsString() @MinLength(12) @MaxLength(1024)
  ADMIN_PASSWORD?: string;
}
