/**
 * Helmet's security headers, worked out once. @fastify/helmet builds Helmet's
 * middleware again for every request — parsing the CSP directives each time —
 * which the CPU profile of an autosave showed at about 5 % of its time
 * (docs/performance.md). The configuration is fixed (no nonces, no per-route
 * options), so its headers are too: a throwaway Fastify instance with
 * @fastify/helmet answers one request, and what Helmet set on the raw response
 * — names as Helmet spells them, values as they are — is set on every response.
 */
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify from 'fastify';

export type HeaderList = readonly (readonly [name: string, value: string | number | readonly string[]])[];

export async function helmetHeaders(options: FastifyHelmetOptions): Promise<HeaderList> {
  const probe = Fastify();
  const headers = new Map<string, HeaderList[number]>();
  try {
    // Around Helmet's onRequest hooks, and only around them: what is set on the raw response meanwhile is Helmet's.
    let restore = () => {};
    probe.addHook('onRequest', async (_request, reply) => {
      const raw = reply.raw;
      const { setHeader, removeHeader } = raw;
      raw.setHeader = (name, value) => (headers.set(name.toLowerCase(), [name, value]), setHeader.call(raw, name, value));
      raw.removeHeader = (name) => (headers.delete(name.toLowerCase()), removeHeader.call(raw, name));
      restore = () => Object.assign(raw, { setHeader, removeHeader });
    });
    await probe.register(helmet, options);
    probe.addHook('onRequest', async () => restore());
    probe.get('/', async () => '');
    await probe.inject('/');
  } finally {
    await probe.close();
  }
  if (headers.size === 0) throw new Error('helmet set no headers');
  return [...headers.values()];
}
