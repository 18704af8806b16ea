import type { Command } from 'commander';
import { adminCreateCommand } from './admin-create.command.js';
import type { CliCommand, CommandGroup } from './cli-command.interface.js';
import { migrateCommand } from './migrate.command.js';
import { pluginListCommand } from './plugin-list.command.js';
import { pluginNewCommand } from './plugin-new.command.js';
import { pluginInstallCommand } from './plugin-install.command.js';
import { pluginPackCommand } from './plugin-pack.command.js';

const GROUP_DESCRIPTIONS: Record<CommandGroup, string> = {
  admin: 'Manage admin accounts',
  plugin: 'Create, inspect, pack and install plugins',
};

/** Every command of the CLI, in the order `tessera --help` lists them. A new command is one file and one line here. */
export const CLI_COMMANDS: readonly CliCommand[] = [migrateCommand, adminCreateCommand, pluginNewCommand, pluginListCommand, pluginPackCommand, pluginInstallCommand];

/** Adds `commands` to the program, making each group's parent command on first use. */
export function registerCommands(program: Command, commands: readonly CliCommand[] = CLI_COMMANDS): void {
  const groups = new Map<CommandGroup, Command>();
  for (const command of commands) {
    if (!command.group) {
      command.register(program);
      continue;
    }
    let parent = groups.get(command.group);
    if (!parent) {
      parent = program.command(command.group).description(GROUP_DESCRIPTIONS[command.group]);
      groups.set(command.group, parent);
    }
    command.register(parent);
  }
}
