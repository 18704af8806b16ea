import { Injectable } from '@nestjs/common';
import { PluginContext } from '@tessera/sdk';
import type { UserPageQuery } from './user-store.service.js';
import type { UserPage, UserView } from './user-view.js';
import { LIST_CACHE_TTL_SECONDS, USER_CACHE_TTL_SECONDS } from './users.constants.js';

/**
 * The plugin's cache namespace (`cache.users`): one user by id (`user:<id>`, 300 s) and pages
 * of the list (`list:<page>:<size>:<search>`, 60 s). Every write calls {@link forget}, so a
 * change shows at once. Only views are cached, never password hashes.
 */
@Injectable()
export class UserCache {
  constructor(private readonly ctx: PluginContext) {}

  getUser(id: string): Promise<UserView | undefined> {
    return this.ctx.cache.get<UserView>(userKey(id));
  }

  setUser(view: UserView): Promise<void> {
    return this.ctx.cache.set(userKey(view.id), view, USER_CACHE_TTL_SECONDS);
  }

  getPage(query: UserPageQuery): Promise<UserPage | undefined> {
    return this.ctx.cache.get<UserPage>(pageKey(query));
  }

  setPage(query: UserPageQuery, page: UserPage): Promise<void> {
    return this.ctx.cache.set(pageKey(query), page, LIST_CACHE_TTL_SECONDS);
  }

  /** After any write to a user: its entry and every cached page (any page may show it, or shift because of it). */
  async forget(id: string): Promise<void> {
    await Promise.all([this.ctx.cache.del(userKey(id)), this.ctx.cache.deleteByPattern('list:*')]);
  }

  /** Everything this plugin cached (at load: entries written by another version may have another shape). */
  clear(): Promise<void> {
    return this.ctx.cache.clear();
  }
}

function userKey(id: string): string {
  return `user:${id}`;
}

function pageKey(query: UserPageQuery): string {
  // Searches are case-insensitive, so "Ada" and "ada" share an entry; encoding keeps ':' out of the search part.
  return `list:${query.page}:${query.pageSize}:${encodeURIComponent(query.search?.toLowerCase() ?? '')}`;
}
