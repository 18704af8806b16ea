import { openAsBlob, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../cli.exception.js';
import { print } from '../output/print.js';
import type { CliCommand } from './cli-command.interface.js';

interface InstallOptions {
  url: string;
  token?: string;
  update?: boolean;
}

interface ApiAnswer {
  success: boolean;
  data?: { plugin: string; version: string; state: string; previous_version?: string; backup_id?: string };
  error?: { code: string; message: string };
}

async function install(target: string, options: InstallOptions): Promise<void> {
  const token = options.token ?? process.env.TESSERA_TOKEN;
  if (!token) throw new CliError('No admin token: pass --token or set TESSERA_TOKEN (the access_token of POST /api/v1/admin/auth/login, with plugins.manage).');
  let scratch: string | undefined;
  try {
    let file = target;
    // The kernel (and Nest with it) is loaded only when a folder is to be packed or a package read.
    if (statSync(target, { throwIfNoEntry: false })?.isDirectory()) {
      const { packPlugin } = await import('@tessera/kernel');
      scratch = await mkdtemp(join(tmpdir(), 'tessera-install-'));
      file = (await packPlugin(target, join(scratch, 'package.tgz'))).file;
    }
    let path = '/api/v1/plugins/install';
    let method = 'POST';
    if (options.update) {
      const { readPackedManifest } = await import('@tessera/kernel');
      const name = (await readPackedManifest(file))?.name;
      if (!name) throw new CliError(`${target} holds no readable plugin.yaml with a name.`);
      path = `/api/v1/plugins/${encodeURIComponent(name)}`;
      method = 'PUT';
    }
    const form = new FormData();
    form.append('file', await openAsBlob(file), basename(file));
    const answer = await send(new URL(path, options.url), method, token, form);
    const data = answer.data!;
    print(
      options.update
        ? `Updated ${data.plugin} from ${data.previous_version} to ${data.version} (${data.state}); backup ${data.backup_id}.`
        : `Installed ${data.plugin} ${data.version} (${data.state}).`,
    );
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
}

async function send(url: URL, method: string, token: string, body: FormData): Promise<ApiAnswer> {
  let response: Response;
  try {
    response = await fetch(url, { method, body, headers: { authorization: `Bearer ${token}` } });
  } catch (error) {
    throw new CliError(`Cannot reach ${url.origin} (${(error as Error).cause ?? (error as Error).message}). Is the server running? Give its address with --url.`);
  }
  const answer = (await response.json().catch(() => ({ success: false }))) as ApiAnswer;
  if (response.ok && answer.success) return answer;
  throw new CliError(answer.error ? `${answer.error.code}: ${answer.error.message}` : `${method} ${url.pathname} answered ${response.status}.`);
}

/** `tessera plugin install <file|dir>`: uploads a package (or a plugin folder, packed first) to a running server. */
export const pluginInstallCommand: CliCommand = {
  group: 'plugin',
  register: (plugin: Command) =>
    plugin
      .command('install')
      .description('Upload a packed plugin (or a built plugin folder, packed on the fly) to a running server and start it')
      .argument('<package>', 'a .tgz made by tessera plugin pack, or a plugin folder')
      .option('--url <url>', 'the server', 'http://localhost:8082')
      .option('--token <token>', 'an admin access token with plugins.manage (default: $TESSERA_TOKEN)')
      .option('--update', 'replace the installed plugin of the same name (PUT /api/v1/plugins/<name>; backed up, rolled back if it fails)')
      .addHelpText(
        'after',
        `
Calls POST /api/v1/plugins/install with the package as the multipart field "file"
(PUT /api/v1/plugins/<name> with --update). Get a token with:
  curl -s localhost:8082/api/v1/admin/auth/login -H 'content-type: application/json' \\
    -d '{"email":"admin@example.com","password":"..."}'   # data.access_token
See docs/admin-api.md, "Installing plugins".`,
      )
      .action(install),
};
