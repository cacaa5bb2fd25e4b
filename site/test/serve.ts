/** Serves a built site on 127.0.0.1 (a free port) under its base path, as a static host would. */
import Fastify from 'fastify';
import fastifyStatic from '@fastify/static';

export interface StaticServer {
  /** Origin, e.g. `http://127.0.0.1:41234`. */
  readonly origin: string;
  close(): Promise<void>;
}

export async function serveStatic(root: string, base = '/'): Promise<StaticServer> {
  const app = Fastify({ logger: false });
  await app.register(fastifyStatic, { root, prefix: base.replace(/\/?$/, '/'), redirect: true });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new TypeError('Expected a TCP address');
  return { origin: `http://127.0.0.1:${address.port}`, close: () => app.close() };
}
