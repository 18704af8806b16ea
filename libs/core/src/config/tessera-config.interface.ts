import type { LogFormat, LogLevel } from '@tessera/observability';

/** Where the process runs; `production` makes the secrets mandatory. */
export type NodeEnv = 'development' | 'production' | 'test';

/**
 * The validated configuration of the host, read once at boot from the environment
 * (see `.env.example` and docs/configuration.md for each variable).
 */
export interface TesseraConfig {
  /** NODE_ENV */
  nodeEnv: NodeEnv;
  /** PORT; 0 picks a free port. */
  port: number;
  /** HOST: the address to listen on. */
  host: string;
  /** DATA_DIR: where the embedded database and other local state live. */
  dataDir: string;
  /** DATABASE_URL: PostgreSQL; unset means the embedded PGlite in DATA_DIR. */
  databaseUrl: string | undefined;
  /** DATABASE_POOL_SIZE */
  databasePoolSize: number;
  /** REDIS_URL: unset means the in-memory cache. */
  redisUrl: string | undefined;
  /** CACHE_KEY_PREFIX: prepended to every cache key, so several deployments (or test runs) can share one Redis. */
  cacheKeyPrefix: string;
  /** LOG_LEVEL */
  logLevel: LogLevel;
  /** LOG_FORMAT */
  logFormat: LogFormat;
  /** BODY_LIMIT_BYTES: larger request bodies are refused with 413. */
  bodyLimitBytes: number;
  /** SHUTDOWN_TIMEOUT_MS: how long in-flight requests may run after SIGTERM. */
  shutdownTimeoutMs: number;
  /** PLUGIN_DIRS: folders searched for plugins, in order. */
  pluginDirs: string[];
  /** PLUGIN_REPOSITORIES: folders and http(s) index.json URLs that plugins are installed from; empty by default. */
  pluginRepositories: string[];
  /** PLUGIN_PACKAGE_MAX_BYTES: largest plugin package, uploaded and unpacked. */
  pluginPackageMaxBytes: number;
  /** PLUGIN_PACKAGE_MAX_FILES: most files and folders in a plugin package. */
  pluginPackageMaxFiles: number;
  /** QUARANTINE_FAILURES: failures of one plugin within the window that quarantine it; 0 turns quarantine off. */
  quarantineFailures: number;
  /** QUARANTINE_WINDOW_SECONDS */
  quarantineWindowSeconds: number;
  /** QUARANTINE_WEBHOOK_URL: receives a JSON POST when a plugin is quarantined. */
  quarantineWebhookUrl: string | undefined;
  /** JWT_SECRET: required in production; development generates one (see `withDevelopmentSecrets`). */
  jwtSecret: string | undefined;
  /** ENCRYPTION_KEY: 32 bytes (hex or base64); required in production. */
  encryptionKey: string | undefined;
  /** ADMIN_EMAIL: with ADMIN_PASSWORD, the super admin created at first boot. */
  adminEmail: string | undefined;
  /** ADMIN_PASSWORD */
  adminPassword: string | undefined;
}

/** The configuration once the secrets are known: what the running app is given. */
export type ResolvedTesseraConfig = TesseraConfig & { jwtSecret: string; encryptionKey: string };
