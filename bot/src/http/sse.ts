/**
 * Server-sent events over a Fastify reply. The stream is handed to `reply.send`, so the reply's
 * hooks (CORS headers, metrics) still apply.
 */
import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';

export interface EventStream {
  /** Writes one `event: <name>` with its JSON payload. Ignored once closed. */
  send(event: string, data: unknown): void;
  close(): void;
  /** Aborted when the client goes away before the stream ends. */
  readonly signal: AbortSignal;
}

/** Does the request ask for a stream (`Accept: text/event-stream`)? */
export function wantsEventStream(accept: string | undefined): boolean {
  return typeof accept === 'string' && /(^|,)\s*text\/event-stream\s*(;|,|$)/i.test(accept);
}

export function openEventStream(reply: FastifyReply): EventStream {
  const stream = new PassThrough();
  const controller = new AbortController();
  let closed = false;
  reply.raw.on('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  reply
    .header('content-type', 'text/event-stream; charset=utf-8')
    .header('cache-control', 'no-cache, no-transform')
    // Proxies such as nginx would otherwise hold tokens back until the buffer fills.
    .header('x-accel-buffering', 'no')
    .send(stream);
  return {
    signal: controller.signal,
    send(event, data) {
      if (closed) return;
      // JSON never contains a raw newline, so one `data:` line carries the whole payload.
      stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    close() {
      if (closed) return;
      closed = true;
      stream.end();
    },
  };
}
