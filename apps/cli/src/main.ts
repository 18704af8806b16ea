import { existsSync } from 'node:fs';
import { runCli } from './run-cli.js';

// As for the server: a .env in the working directory, variables already set win.
if (existsSync('.env')) process.loadEnvFile('.env');

// An explicit exit: a command is done when its action returns, even if a library left a
// timer or a pool behind.
process.exit(await runCli(process.argv));
