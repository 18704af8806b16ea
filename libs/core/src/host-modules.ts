import type { DynamicModule, ForwardReference, Type } from '@nestjs/common';
import { databaseMigrations } from '@tessera/database';
import type { ResolvedTesseraConfig } from './config/tessera-config.interface.js';

/** Anything a Nest module may import. */
export type ModuleImport = Type<unknown> | DynamicModule | Promise<DynamicModule> | ForwardReference;

/**
 * The framework's own feature modules, mounted by CoreModule after the shared services
 * (config, observability, database, cache). This is the place for the kernel (plugin
 * loader), auth, admin and scheduler modules.
 */
export function hostModules(_config: ResolvedTesseraConfig): ModuleImport[] {
  return [];
}

/** Entity classes of the framework libs (plugins register theirs at run time). */
export const HOST_ENTITIES: Function[] = [];

/** Migrations of the framework libs, run in order at boot. */
export const HOST_MIGRATIONS: Function[] = [...databaseMigrations];
