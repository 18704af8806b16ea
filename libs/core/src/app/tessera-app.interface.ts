import type { Server } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from '@tessera/observability';
import type { ResolvedTesseraConfig } from '../config/tessera-config.interface.js';
import type { HostServer } from '../http/host-server.js';
import type { ModuleImport } from '../host-modules.js';

/** A booted Tessera host, ready to serve (with supertest on `server`, or after `listen()`). */
export interface TesseraApp {
  app: NestFastifyApplication;
  host: HostServer;
  /** The one http.Server: hand it to supertest, no `listen()` needed. */
  server: Server;
  config: ResolvedTesseraConfig;
  logger: Logger;
  /** Listens on HOST:PORT; resolves with the URL to print (`http://localhost:8082`). */
  listen(): Promise<string>;
  /**
   * Stops accepting, lets requests in flight finish (at most SHUTDOWN_TIMEOUT_MS), then
   * closes the app: database, cache and every module's shutdown hooks. Safe to call twice.
   */
  close(): Promise<void>;
}

export interface CreateTesseraAppOptions {
  /** Modules mounted after the framework's own: an application's modules, test controllers. */
  extraModules?: ModuleImport[];
  /** The root logger; by default one is made from LOG_LEVEL and LOG_FORMAT. */
  logger?: Logger;
  /** Load only these plugins (and their dependencies) from PLUGIN_DIRS; default: all. */
  plugins?: string[];
}
