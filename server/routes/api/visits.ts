/** Process scouts' visits and the offline sync endpoint (being built). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const visitRoutes: FastifyPluginAsyncZod = async () => {};
