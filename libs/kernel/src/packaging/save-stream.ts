import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Raised when a stream is longer than allowed. */
export class StreamTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`it is larger than ${limit} bytes`);
    this.name = 'StreamTooLargeError';
  }
}

/**
 * Writes `stream` to `file`, stopping at `maxBytes`. On any failure the partial file is deleted.
 *
 * @throws StreamTooLargeError past `maxBytes`; the stream's own error otherwise.
 * @example
 * await saveStream(request.file.file, 'plugins/.staging/upload-1a2b.tgz', 50 * 1024 * 1024);
 */
export async function saveStream(stream: Readable, file: string, maxBytes: number): Promise<number> {
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      done(received > maxBytes ? new StreamTooLargeError(maxBytes) : null, chunk);
    },
  });
  try {
    await pipeline(stream, counter, createWriteStream(file, { mode: 0o600 }));
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
  return received;
}
