// HttpContest (bench/lib/http-contest.mjs) for endpoints behind a bearer token: a server
// announces `READY <url> <token>` and every request carries the token (HttpContest does
// that); this contest also checks that a contender with a token refuses a request without
// one. Used by bench/auth-http.mjs.
import { HttpContest } from './lib/http-contest.mjs';

/**
 * The same fair contest as HttpContest, where a contender that skipped the auth check would
 * look fast: before the rounds, each one with a token must answer 401 without it.
 *
 * @example
 * const contest = new AuthHttpContest({ rounds: 5, duration: 5, warmup: 1, connections: 50 });
 * const { rows } = await contest.run([{ id: 'tessera', label: 'Tessera', script: 'auth-tessera.server.mjs' }], SECURE_PATH, ECHO_BODY);
 */
export class AuthHttpContest extends HttpContest {
  async check(server, expected) {
    await super.check(server, expected);
    if (!server.token) return;
    const anonymous = await fetch(server.url);
    await anonymous.arrayBuffer();
    if (anonymous.status !== 401) throw new Error(`${server.label} answered ${anonymous.status} without a token, expected 401.`);
  }
}
