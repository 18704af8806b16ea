import fastifyMultipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { configureHttpApp, createLogger, httpServerOptions, HttpMetrics, OpenApiRegistry, PinoNestLogger } from '@tessera/observability';
import { DEVELOPMENT_SECRETS_FILE, withDevelopmentSecrets } from '../config/development-secrets.js';
import { loadConfig } from '../config/load-config.js';
import type { TesseraConfig } from '../config/tessera-config.interface.js';
import { CoreModule } from '../core.module.js';
import { buildCoreDocument } from '../docs/openapi-document.js';
import { HOST_REQUEST_ROUTERS, type HostRequestRouter } from '../http/host-request-router.interface.js';
import { HostServer } from '../http/host-server.js';
import type { CreateTesseraAppOptions, TesseraApp } from './tessera-app.interface.js';

// Probes and scrapes arrive every few seconds; their successful answers are logged at debug.
const QUIET_ROUTES = ['/health', '/health/ready', '/metrics'];

/**
 * Builds the host: configuration from the environment (overrides win), logger, the core
 * Nest app on Fastify behind the HostServer, fully initialised and ready to serve when
 * the promise resolves. Used by apps/server, the CLI and the end-to-end tests.
 * Throws ConfigurationError or the database's DatabaseUnavailableError on a bad boot.
 *
 * @example
 * const tessera = await createTesseraApp({ port: 0, logLevel: 'warn' });
 * await request(tessera.server).get('/health').expect(200);
 * await tessera.close();
 */
export async function createTesseraApp(overrides: Partial<TesseraConfig> = {}, options: CreateTesseraAppOptions = {}): Promise<TesseraApp> {
  const { config, generated } = withDevelopmentSecrets({ ...loadConfig(process.env), ...overrides });
  const logger = options.logger ?? createLogger({ level: config.logLevel, format: config.logFormat });
  if (generated) {
    logger.warn(`JWT_SECRET or ENCRYPTION_KEY is not set: using development secrets kept in ${config.dataDir}/${DEVELOPMENT_SECRETS_FILE}. Set both in production.`);
  }

  const host = new HostServer();
  const metrics = new HttpMetrics();
  const app = await NestFactory.create<NestFastifyApplication>(
    CoreModule.forRoot({ config, logger, metrics, extraModules: options.extraModules, plugins: options.plugins }),
    new FastifyAdapter({ ...httpServerOptions({ bodyLimit: config.bodyLimitBytes }), serverFactory: host.serverFactory }),
    // abortOnError false: a failed boot is thrown to the caller, who reports it in one
    // line, instead of Nest printing the stack and exiting. Nest's shutdown hooks stay
    // off: SIGTERM is handled by installShutdownHandlers, which drains requests first.
    { logger: new PinoNestLogger(logger, { ignoreContexts: ['ExceptionHandler'] }), abortOnError: false },
  );

  try {
    configureHttpApp(app, { logger, metrics, quietRoutes: QUIET_ROUTES });
    // Plugin packages are uploaded as multipart (POST /api/v1/plugins/install). One file; the
    // installer stops a file past PLUGIN_PACKAGE_MAX_BYTES itself, so the parser only truncates.
    await app.register(fastifyMultipart, { limits: { files: 1, parts: 10, fieldSize: 64 * 1024, fileSize: config.pluginPackageMaxBytes + 1 }, throwFileSizeLimit: false });
    await app.init();
    // Fastify crashes the process on a request that arrives before ready(); the server
    // only accepts connections after this line.
    await app.getHttpAdapter().getInstance().ready();
    host.useRouters(app.get<HostRequestRouter[] | undefined>(HOST_REQUEST_ROUTERS, { strict: false }) ?? []);
    app.get(OpenApiRegistry).setCore(buildCoreDocument(app));
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }

  let closing: Promise<void> | undefined;
  return {
    app,
    host,
    server: host.server,
    config,
    logger,
    async listen() {
      const address = await host.listen(config.port, config.host);
      const hostname = ['0.0.0.0', '::'].includes(address.address) ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return `http://${hostname}:${address.port}`;
    },
    close() {
      closing ??= (async () => {
        const { cut } = await host.drain(config.shutdownTimeoutMs);
        if (cut > 0) logger.warn(`${cut} connection(s) still had a request running after SHUTDOWN_TIMEOUT_MS=${config.shutdownTimeoutMs} and were cut.`);
        await app.close();
      })();
      return closing;
    },
  };
}
