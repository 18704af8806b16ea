import type { PluginUnit, UnitRoute } from '@tessera/kernel';

/** What a loaded plugin put into the host, by kind; names are sorted and listed once. */
export interface PluginRegistrations {
  /** Routes with their full path, `/plugins/<name>/...`. */
  endpoints: UnitRoute[];
  /** Action hooks (`@Hook`) it subscribes to. */
  hooks: string[];
  /** Filter hooks (`@Filter`) it subscribes to. */
  filters: string[];
  /** Its `@Action` names. */
  actions: string[];
  /** Its `@Scheduled` task names. */
  tasks: string[];
}

/** Summarises a unit's registrations; a plugin without a unit (not active) registered nothing. */
export function registrationsOf(unit: PluginUnit | undefined): PluginRegistrations {
  if (!unit) return { endpoints: [], hooks: [], filters: [], actions: [], tasks: [] };
  const names = (values: string[]) => [...new Set(values)].sort();
  return {
    endpoints: unit.routes.map(({ method, path }) => ({ method, path })),
    hooks: names(unit.hooks.filter((hook) => hook.kind === 'action').map((hook) => hook.hook)),
    filters: names(unit.hooks.filter((hook) => hook.kind === 'filter').map((hook) => hook.hook)),
    actions: names(unit.actions.map((action) => action.name)),
    tasks: names(unit.tasks.map((task) => task.name)),
  };
}
