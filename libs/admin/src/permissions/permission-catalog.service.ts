import { Injectable } from '@nestjs/common';
import { TesseraError } from '@tessera/sdk';
import { CORE_PERMISSIONS } from './core-permissions.js';
import { isPermissionName } from './permission-names.js';

/** A permission as declared by the framework or a plugin. */
export interface PermissionDefinition {
  name: string;
  description?: string;
}

/** A permission of the catalogue and who declared it. */
export interface CatalogPermission {
  name: string;
  description: string | null;
  sources: string[];
}

/**
 * The permissions that exist right now: the framework's (`core`) and those each plugin
 * declares while it is loaded. Roles can only be given permissions of the catalogue (or
 * wildcards), so a typo is caught when the role is saved.
 *
 * @example
 * catalog.register('audit', [{ name: 'audit.read', description: 'Read the audit trail.' }]);
 * catalog.unregister('audit'); // when the plugin is unloaded
 */
@Injectable()
export class PermissionCatalog {
  private readonly bySource = new Map<string, PermissionDefinition[]>();

  constructor() {
    this.register('core', CORE_PERMISSIONS);
  }

  /** Declares (or re-declares, replacing) the permissions of a source. */
  register(source: string, permissions: Array<string | PermissionDefinition>): void {
    const definitions = permissions.map((permission) => (typeof permission === 'string' ? { name: permission } : permission));
    const invalid = definitions.filter((definition) => !isPermissionName(definition.name)).map((definition) => definition.name);
    if (invalid.length) {
      throw new TesseraError(
        'VALIDATION_ERROR',
        `Permission names of "${source}" must be lower-case dotted words such as "audit.read": ${invalid.map((name) => `"${name}"`).join(', ')}.`,
        invalid.map((name) => ({ field: 'permissions', value: name })),
      );
    }
    this.bySource.set(source, definitions);
  }

  unregister(source: string): void {
    this.bySource.delete(source);
  }

  /** Every permission, sorted by name, with the first description given and all sources. */
  list(): CatalogPermission[] {
    const merged = new Map<string, CatalogPermission>();
    for (const [source, definitions] of this.bySource) {
      for (const definition of definitions) {
        const entry = merged.get(definition.name) ?? { name: definition.name, description: null, sources: [] };
        entry.description ??= definition.description ?? null;
        entry.sources.push(source);
        merged.set(definition.name, entry);
      }
    }
    return [...merged.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  has(name: string): boolean {
    for (const definitions of this.bySource.values()) if (definitions.some((definition) => definition.name === name)) return true;
    return false;
  }
}
