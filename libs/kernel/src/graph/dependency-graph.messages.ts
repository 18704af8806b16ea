import { TesseraError } from '@tessera/sdk';

/** `hello requires framework >=2.0, this is Tessera 1.0.0` */
export function incompatibleError(plugin: string, range: string, frameworkVersion: string): TesseraError {
  return new TesseraError(
    'PLUGIN_INCOMPATIBLE',
    `${plugin} requires framework ${range}, this is Tessera ${frameworkVersion}. Install a version of ${plugin} made for Tessera ${frameworkVersion}, or upgrade Tessera.`,
    { plugin, frameworkRange: range, frameworkVersion },
  );
}

/** `hello requires "audit", which is not installed` */
export function missingMessage(plugin: string, dependency: string): string {
  return `${plugin} requires "${dependency}", which is not installed`;
}

/** `hello requires audit ^1.0 but audit 2.0.0 is installed` */
export function versionMessage(plugin: string, dependency: string, range: string, installed: string): string {
  return `${plugin} requires ${dependency} ${range} but ${dependency} ${installed} is installed`;
}

/** Missing and mismatched dependencies of one plugin, all at once. */
export function unmetError(plugin: string, problems: string[]): TesseraError {
  return new TesseraError(
    'PLUGIN_DEPENDENCY_ERROR',
    `${problems.join('; ')}. Install or update the plugins it needs, or change dependencies.plugins in its plugin.yaml.`,
    { plugin, problems },
  );
}

/** `dependency cycle users -> audit -> users` */
export function cycleError(plugin: string, chain: string[]): TesseraError {
  return new TesseraError(
    'PLUGIN_DEPENDENCY_ERROR',
    `${plugin} is in a dependency cycle: ${chain.join(' -> ')}. Plugins cannot depend on each other in a circle; remove one of these dependencies.`,
    { plugin, chain },
  );
}

/** A plugin that cannot load because something it depends on (maybe through others) failed. */
export function cascadeError(plugin: string, chain: string[], cause: TesseraError): TesseraError {
  const failed = chain[chain.length - 1];
  return new TesseraError(
    'PLUGIN_DEPENDENCY_ERROR',
    `${plugin} cannot load because its dependency ${failed} failed (${chain.join(' -> ')}): ${cause.message}`,
    { plugin, failedDependency: failed, chain, cause: cause.toBody() },
  );
}
