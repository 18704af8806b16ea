import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError } from './configuration.error.js';
import { EXPECTED_FORMS } from './environment-variables.dto.js';
import type { ResolvedTesseraConfig, TesseraConfig } from './tessera-config.interface.js';

/** The file, inside DATA_DIR, that keeps the generated development secrets. */
export const DEVELOPMENT_SECRETS_FILE = 'development-secrets.json';

interface DevelopmentSecrets {
  jwtSecret: string;
  encryptionKey: string;
}

/**
 * Fills JWT_SECRET and ENCRYPTION_KEY when they are not set, outside production, so that
 * `npm start` works on a fresh clone. The generated values are kept in
 * DATA_DIR/development-secrets.json: tokens and encrypted data survive a restart, as
 * they would with real secrets. In production missing secrets stop the boot.
 *
 * @example
 * const { config, generated } = withDevelopmentSecrets(loadConfig());
 */
export function withDevelopmentSecrets(config: TesseraConfig): { config: ResolvedTesseraConfig; generated: boolean } {
  const { jwtSecret, encryptionKey } = config;
  if (jwtSecret !== undefined && encryptionKey !== undefined) return { config: { ...config, jwtSecret, encryptionKey }, generated: false };
  if (config.nodeEnv === 'production') {
    throw new ConfigurationError(
      (['JWT_SECRET', 'ENCRYPTION_KEY'] as const)
        .filter((variable) => (variable === 'JWT_SECRET' ? jwtSecret : encryptionKey) === undefined)
        .map((variable) => ({ variable, expected: `set in production: ${EXPECTED_FORMS[variable]}` })),
    );
  }
  const stored = readOrCreate(join(config.dataDir, DEVELOPMENT_SECRETS_FILE));
  return {
    config: { ...config, jwtSecret: jwtSecret ?? stored.jwtSecret, encryptionKey: encryptionKey ?? stored.encryptionKey },
    generated: true,
  };
}

function readOrCreate(file: string): DevelopmentSecrets {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DevelopmentSecrets;
  const secrets: DevelopmentSecrets = { jwtSecret: randomBytes(48).toString('base64'), encryptionKey: randomBytes(32).toString('hex') };
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
