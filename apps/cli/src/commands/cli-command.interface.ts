import type { Command } from 'commander';

/** The groups of subcommands: `tessera admin ...`, `tessera plugin ...`. */
export type CommandGroup = 'admin' | 'plugin';

/**
 * One command of the `tessera` CLI, in its own file under commands/ and listed once in
 * commands.registry.ts.
 *
 * @example
 * export const pluginPackCommand: CliCommand = {
 *   group: 'plugin',
 *   register: (plugin) => plugin.command('pack').argument('<dir>').action(pack),
 * };
 */
export interface CliCommand {
  /** The group it sits under, or none for a top-level command like `tessera migrate`. */
  group?: CommandGroup;
  /** Adds the command, its arguments, options, help and action to `parent`. */
  register(parent: Command): Command;
}
