// Shared by bench/auth-http.mjs and its server processes.

/** The route every contender serves (the bench-secure plugin's endpoint), answering ECHO_BODY. */
export const SECURE_PATH = '/plugins/bench-secure/echo';
/** The permission the endpoint asks for, and the only one the benchmark's token carries. */
export const SECURE_PERMISSION = 'bench.read';
/** The JWT secret of every contender: Tessera's host and the naive @nestjs/jwt guard. */
export const BENCH_JWT_SECRET = 'bench-jwt-secret-bench-jwt-secret-42';
/** Where the users plugin answers in the login part of the benchmark. */
export const USERS_PATH = '/plugins/users/users';
/** The line prefix of an event-loop delay report on a server's stdout (one JSON object follows). */
export const LOOP_DELAY_LINE = 'EVENT-LOOP-DELAY ';
