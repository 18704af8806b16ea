// Access-token verification cost per request: jsonwebtoken with a string secret, the
// KeyObject path Tessera uses, and Tessera's verified-token cache. Needs the built libs
// (npm run build). Run: node bench/jwt-verify.mjs [iterations]
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import jwt from 'jsonwebtoken';
import { JwtAuthenticator, RevocationService, TokenService, loadSigningKeys, resolveAuthOptions } from '@tessera/auth';

const iterations = Number(process.argv[2] ?? 20_000);
const secret = 'bench-secret-bench-secret-bench-secret-42';
const principal = { id: randomUUID(), kind: 'admin', roles: ['super_admin'], permissions: ['*'] };

function service(verifiedTokenCacheSize) {
  const options = resolveAuthOptions({ dataDir: '.', jwtSecret: secret, verifiedTokenCacheSize });
  return { options, tokens: new TokenService(options, loadSigningKeys(options)) };
}

function measure(label, fn) {
  for (let i = 0; i < Math.min(2_000, iterations); i++) fn();
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  const micros = ((performance.now() - start) * 1000) / iterations;
  console.log(`${label.padEnd(52)} ${micros.toFixed(2).padStart(9)} µs/op`);
}

async function measureAsync(label, fn) {
  for (let i = 0; i < Math.min(2_000, iterations); i++) await fn();
  const start = performance.now();
  for (let i = 0; i < iterations; i++) await fn();
  const micros = ((performance.now() - start) * 1000) / iterations;
  console.log(`${label.padEnd(52)} ${micros.toFixed(2).padStart(9)} µs/op`);
}

const uncached = service(0);
const cached = service(10_000);
const token = uncached.tokens.signAccessToken(principal, randomUUID()).token;
const verifyOptions = { algorithms: ['HS256'], issuer: 'tessera', audience: 'tessera-api' };

console.log(`node ${process.version}, ${iterations} verifications of one HS256 access token`);
measure('jsonwebtoken.verify, string secret', () => jwt.verify(token, secret, verifyOptions));
measure('TokenService.verifyAccessToken, KeyObject, no cache', () => uncached.tokens.verifyAccessToken(token));
measure('TokenService.verifyAccessToken, KeyObject + cache', () => cached.tokens.verifyAccessToken(token));
const authenticator = new JwtAuthenticator(cached.tokens, new RevocationService(cached.options));
const request = { headers: { authorization: `Bearer ${token}` } };
await measureAsync('JwtAuthenticator.authenticate (cache + revocation)', () => authenticator.authenticate(request));
