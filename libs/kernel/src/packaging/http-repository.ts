import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import type { PluginRepository, RepositoryPackage } from './plugin-repository.interface.js';
import { readRepositoryIndex } from './repository-index.js';
import { saveStream } from './save-stream.js';

/**
 * A repository served over HTTP(S): `source` is the URL of its `index.json`; each package's
 * `file` is resolved against it. Downloads stop at `maxBytes` and after `timeoutMs`.
 *
 * @example
 * const repository = new HttpRepository('https://plugins.example.com/index.json', { maxBytes: 50e6, timeoutMs: 15_000 });
 */
export class HttpRepository implements PluginRepository {
  readonly kind = 'http';

  constructor(
    readonly source: string,
    private readonly limits: { maxBytes: number; timeoutMs: number },
  ) {}

  async list(): Promise<RepositoryPackage[]> {
    const response = await this.get(this.source);
    const entries = readRepositoryIndex(await response.json());
    return entries.map((entry) => ({ ...entry, file: new URL(entry.file, this.source).href, repository: this.source }));
  }

  async fetch(entry: RepositoryPackage, intoDir: string): Promise<{ file: string; release(): Promise<void> }> {
    const url = new URL(entry.file, this.source);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`the repository lists "${entry.file}", which is not an http(s) URL`);
    const response = await this.get(url.href);
    if (!response.body) throw new Error(`${url.href} answered with no body`);
    await mkdir(intoDir, { recursive: true });
    const file = join(intoDir, `download-${randomBytes(6).toString('hex')}.tgz`);
    await saveStream(Readable.fromWeb(response.body as ReadableStream), file, this.limits.maxBytes);
    return { file, release: () => rm(file, { force: true }) };
  }

  private async get(url: string): Promise<Response> {
    const response = await fetch(url, { signal: AbortSignal.timeout(this.limits.timeoutMs), redirect: 'follow' });
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status} ${response.statusText}`.trim());
    return response;
  }
}
