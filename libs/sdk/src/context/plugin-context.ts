import type { EntityTarget, ObjectLiteral, Repository } from 'typeorm';
import type { Blocked } from '../decorators/hook.decorator.js';

/** Answer of a plugin-to-plugin call. It never throws. */
export type ActionResult<T = unknown> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export interface CallOptions {
  /** Default 5000 ms; past it the answer is PLUGIN_COMMUNICATION_TIMEOUT. */
  timeoutMs?: number;
}

/** A logger tagged with the plugin's name; lines are kept in the plugin's log store too. */
export interface PluginLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** The plugin's settings: schema defaults overlaid with the values an admin stored. */
export interface PluginConfig {
  get<T = unknown>(key: string): T;
  all(): Readonly<Record<string, unknown>>;
}

export interface PluginHooks {
  /** Runs every action hook subscribed to `name`; resolves when they are done; never rejects for their errors. */
  emit(name: string, payload?: unknown): Promise<void>;
  /** Runs the filters of `name` in priority order; resolves to the final payload or BLOCK. */
  filter<T>(name: string, payload: T): Promise<T | Blocked>;
}

export interface PluginCalls {
  call<T = unknown>(target: string, action: string, payload?: unknown, options?: CallOptions): Promise<ActionResult<T>>;
}

/** The plugin's own cache namespace; every call is checked against `cache.*` permissions. */
export interface PluginCache {
  get<T>(key: string): Promise<T | undefined>;
  set<T>(key: string, value: T, ttlSeconds?: number): Promise<void>;
  del(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  deleteByPattern(pattern: string): Promise<number>;
  clear(): Promise<void>;
}

/** Repositories of the plugin's own entities; reads need `db.* read`, writes `db.* write`. */
export interface PluginDatabase {
  getRepository<T extends ObjectLiteral>(entity: EntityTarget<T>): Repository<T>;
  /** Runs `work` in one transaction; the repositories it gets are bound to it. */
  transaction<R>(work: (db: PluginDatabase) => Promise<R>): Promise<R>;
}

/**
 * Everything the kernel gives a plugin, injectable in any of its providers.
 *
 * @example
 * @Injectable()
 * export class GreetingService {
 *   constructor(private readonly ctx: PluginContext) {}
 *   greet(name: string) { return `${this.ctx.config.get<string>('greeting')}, ${name}`; }
 * }
 */
export abstract class PluginContext {
  abstract readonly name: string;
  abstract readonly version: string;
  abstract readonly config: PluginConfig;
  abstract readonly env: Readonly<Record<string, string>>;
  /** Extra top-level sections of plugin.yaml (for example `pagination`). */
  abstract readonly settings: Readonly<Record<string, unknown>>;
  abstract readonly logger: PluginLogger;
  abstract readonly hooks: PluginHooks;
  abstract readonly plugins: PluginCalls;
  abstract readonly cache: PluginCache;
  abstract readonly db: PluginDatabase;
  /** Whether the plugin holds a permission now (optional ones can be granted at run time). */
  abstract can(resource: string, action: string): boolean;
}
