import type { TesseraApp } from '@tessera/core';
import type { TestDatabase } from '@tessera/database';
import { ActionRouter, HookBus, PluginLoader, PluginLogStore, type LogQuery, type PluginLogEntry, type PluginRecord } from '@tessera/kernel';
import type { ActionResult, Blocked, CallOptions } from '@tessera/sdk';
import request from 'supertest';
import { registrationsOf, type PluginRegistrations } from './plugin-registrations.js';
import { issueTestToken, type TestPrincipal } from './test-token.js';

/**
 * One plugin running in a real host (kernel, database, cache, guard chain), made by
 * `bootPlugin`. Everything goes through the same services production uses: hooks through
 * the HookBus, actions through the ActionRouter, HTTP through the host's server.
 *
 * @example
 * const plugin = await bootPlugin('hello');
 * await plugin.emit('user_registered', { username: 'ada' });
 * await plugin.http().get('/plugins/hello/hello/welcomed').expect(200);
 * await plugin.close();
 */
export class PluginHarness {
  private closing?: Promise<void>;

  constructor(
    /** The plugin under test. */
    readonly name: string,
    /** The host, for anything the harness does not wrap (`app.app.get(...)`, `app.server`). */
    readonly app: TesseraApp,
    private readonly database: TestDatabase,
  ) {}

  /** The kernel's live record of the plugin: `state`, `error`, `manifest`, `unit`. */
  get record(): PluginRecord {
    return this.app.app.get(PluginLoader).get(this.name)!;
  }

  /** What the plugin registered in the host: endpoints, hooks, filters, actions, tasks. */
  registered(): PluginRegistrations {
    return registrationsOf(this.record.unit);
  }

  /**
   * Emits an action hook to every subscriber, this plugin's included, and resolves when all
   * have run. As in production a handler's error does not reach the caller: it is logged
   * (see {@link logs}) and re-emitted as `plugin_error`.
   */
  emit(hook: string, payload: unknown): Promise<void> {
    return this.app.app.get(HookBus).emit(hook, payload);
  }

  /** Passes `payload` through every filter of `hook`; resolves with the result or `BLOCK`. */
  filter<T>(hook: string, payload: T): Promise<T | Blocked> {
    return this.app.app.get(HookBus).filter(hook, payload);
  }

  /** Calls one of this plugin's `@Action`s as another plugin would; never throws. */
  call<T = unknown>(action: string, payload?: unknown, options?: CallOptions): Promise<ActionResult<T>> {
    return this.app.app.get(ActionRouter).call<T>(this.name, action, payload, options);
  }

  /**
   * A supertest agent on the host's server: plugin routes are under `/plugins/<name>/`.
   * Each call gives a new agent (its own cookie jar); keep one to carry cookies along.
   */
  http(): request.Agent {
    return request.agent(this.app.server);
  }

  /**
   * A bearer access token the host's authenticator accepts, for the permissions (and roles,
   * kind, id) given: `.set('authorization', \`Bearer ${token}\`)`.
   */
  async tokenFor(who: TestPrincipal): Promise<string> {
    return issueTestToken(this.app, who);
  }

  /** The plugin's kept log lines (its `ctx.logger` and its failed hooks), newest first. */
  logs(query: LogQuery = {}): PluginLogEntry[] {
    return this.app.app.get(PluginLogStore).query(this.name, { perPage: Number.MAX_SAFE_INTEGER, ...query }).items;
  }

  /** Closes the host (the plugin's `onPluginUnload` runs) and deletes the test database. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        await this.app.close();
      } finally {
        await this.database.cleanup();
      }
    })();
    return this.closing;
  }
}
