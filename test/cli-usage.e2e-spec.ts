import { describe, expect, it } from 'vitest';
import { runBuiltCli } from '../apps/cli/test/run-built-cli.js';

// The command line itself: help, and wrong invocations answered with the usage and exit 2.
// None of these opens a database.
describe('tessera: help and usage errors', () => {
  it('lists its commands with --help and exits 0', async () => {
    const [root, plugin, list] = await Promise.all([runBuiltCli(['--help']), runBuiltCli(['plugin', '--help']), runBuiltCli(['plugin', 'list', '--help'])]);
    expect(root.code).toBe(0);
    expect(root.stdout).toMatch(/Usage: tessera/);
    for (const command of ['migrate', 'admin', 'plugin']) expect(root.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    expect(plugin.stdout).toMatch(/^  new \[options\] <name>/m);
    expect(plugin.stdout).toMatch(/^  list \[options\]/m);
    expect(list.stdout).toContain('will come from the admin API');
  });

  it('answers an unknown command, an unknown option and a missing option with the usage and exit 2', async () => {
    const [command, option, missing] = await Promise.all([
      runBuiltCli(['frobnicate']),
      runBuiltCli(['migrate', '--dry']),
      runBuiltCli(['admin', 'create', '--password-stdin']),
    ]);
    expect(command).toMatchObject({ code: 2, stdout: '' });
    expect(command.stderr).toContain("error: unknown command 'frobnicate'");
    expect(command.stderr).toContain('Usage: tessera [options] [command]');
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("error: unknown option '--dry'");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--email <email>' not specified");
    expect(missing.stderr).toContain('Usage: tessera admin create');
  });

  it('refuses a plugin name the manifest would refuse, with the rule, and exit 2', async () => {
    const run = await runBuiltCli(['plugin', 'new', 'My_Plugin', '--dir', '/nonexistent/never-created']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"My_Plugin" is not a plugin name: use lowercase letters, digits and dashes, starting with a letter');
  });
});
