/**
 * Where the app is reachable from outside: the base of every absolute link it
 * makes (the report's re-check link and QR code, e-mails later). Configured
 * (`PROCHECK_PUBLIC_URL`), else the address the server listens on — never a
 * request's Host or X-Forwarded-Host, which whoever sends the request chooses.
 */
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** `https://check.example.org` (no trailing slash). */
    publicUrl(): string;
  }
}

/** The origin part of a configured public URL; throws on anything that is not an http(s) URL. */
export function parsePublicUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PROCHECK_PUBLIC_URL must be an absolute http(s) URL, not "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`PROCHECK_PUBLIC_URL must be an http(s) URL, not "${value}"`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export const publicUrlPlugin = fp<{ publicUrl?: string }>(
  async (app, { publicUrl }) => {
    const configured = publicUrl === undefined ? null : parsePublicUrl(publicUrl);
    app.decorate('publicUrl', () => {
      if (configured) return configured;
      const address = app.server.address();
      // Not listening (tests inject): the default listening address.
      if (address === null || typeof address === 'string') return 'http://127.0.0.1:3000';
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return `http://${host}:${address.port}`;
    });
  },
  { name: 'public-url' },
);
