import { Option, type Command } from 'commander';
import { withHostDatabase } from '../host/host-database.js';
import { readPassword, type PasswordSource } from '../input/password-input.js';
import { print } from '../output/print.js';
import type { CliCommand } from './cli-command.interface.js';

interface AdminCreateOptions extends PasswordSource {
  email: string;
  role?: string[];
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

async function createAdmin(options: AdminCreateOptions): Promise<void> {
  const password = await readPassword(options);
  const { assertAdminPassword, assertEmail, createAdminAccount, normaliseEmail, SUPER_ADMIN_ROLE } = await import('@tessera/admin');
  const email = normaliseEmail(options.email);
  // Checked before the database is opened (and migrated): a typo changes nothing.
  assertEmail(email);
  assertAdminPassword(password);
  const roles = options.role ?? [SUPER_ADMIN_ROLE];
  const account = await withHostDatabase((dataSource) => createAdminAccount(dataSource, { email, password, roles }));
  print(`Admin account ${account.email} created with ${roles.length === 1 ? 'role' : 'roles'} ${roles.join(', ')}.`);
  print('Log in with POST /api/v1/admin/auth/login (see docs/admin-accounts.md).');
}

/** `tessera admin create`: an admin account, by default a super admin. */
export const adminCreateCommand: CliCommand = {
  group: 'admin',
  register: (admin: Command) =>
    admin
      .command('create')
      .description('Create an admin account (a super admin unless --role says otherwise)')
      .requiredOption('--email <email>', 'the email address the admin logs in with')
      .addOption(new Option('--password <password>', 'the password (visible in shell history and ps: prefer --password-stdin)').conflicts('passwordStdin'))
      .option('--password-stdin', 'read the password from standard input')
      .option('--role <name>', 'a role to give; repeat for several (default: super_admin)', collect)
      .addHelpText(
        'after',
        `
Without --password or --password-stdin, the password is asked twice on the terminal, hidden.
It must be 12 to 1024 characters long. The password is never printed.

Examples:
  tessera admin create --email root@example.com
  printf %s "$ADMIN_PASSWORD" | tessera admin create --email ops@example.com --password-stdin --role operator

Uses the server's database (DATABASE_URL or the embedded one in DATA_DIR) and runs its pending
migrations first. An email already taken, an invalid email or password, or an unknown role
exits 1 and creates nothing.`,
      )
      .action(createAdmin),
};
