import { existsSync } from 'node:fs';
import { createTesseraApp, describeBootFailure, installShutdownHandlers, type TesseraApp } from '@tessera/core';

// Variables already in the environment win over the file, as with every .env loader.
if (existsSync('.env')) process.loadEnvFile('.env');

let tessera: TesseraApp | undefined;
try {
  tessera = await createTesseraApp();
  installShutdownHandlers(tessera);
  const url = await tessera.listen();
  tessera.logger.info(`Tessera is listening on ${url}`);
  tessera.logger.info(`API documentation: ${url}/docs (OpenAPI document: ${url}/docs/json)`);
  tessera.logger.info(`Admins log in with POST ${url}/api/v1/admin/auth/login (docs/admin-accounts.md); plugins are served under ${url}/plugins/<name>/`);
} catch (error) {
  const listen = tessera ? { port: tessera.config.port, host: tessera.config.host } : undefined;
  process.stderr.write(`${describeBootFailure(error, listen)}\n`);
  await tessera?.app.close().catch(() => undefined);
  process.exit(1);
}
