/**
 * React writes the document in chunks of a few kilobytes; each chunk became one write to the
 * socket. This stream gathers what React writes in one burst and passes it on as one chunk (at
 * the latest on the next turn of the event loop, or when 64 KB have gathered), so a 120 KB page
 * costs a handful of writes instead of sixty. Streaming (Suspense) still works: a burst is
 * flushed before the server waits for anything.
 */
import { Transform, type TransformCallback } from "node:stream";

const MAX_BUFFERED = 64 * 1024;

export function coalescingStream(): Transform {
  let chunks: Buffer[] = [];
  let size = 0;
  let scheduled = false;
  const flush = (stream: Transform) => {
    scheduled = false;
    if (size === 0) return;
    const out = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
    chunks = [];
    size = 0;
    stream.push(out);
  };
  const stream = new Transform({
    transform(chunk: Buffer | string, encoding: BufferEncoding, done: TransformCallback) {
      const buf = typeof chunk === "string" ? Buffer.from(chunk, encoding) : chunk;
      chunks.push(buf);
      size += buf.length;
      if (size >= MAX_BUFFERED) flush(this);
      else if (!scheduled) {
        scheduled = true;
        setImmediate(() => flush(this));
      }
      done();
    },
    flush(done: TransformCallback) {
      flush(this);
      done();
    },
  });
  return stream;
}
