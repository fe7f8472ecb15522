/** The offers API for tests: a valid workshop body, and the fields a refusal names. */
import type { FastifyInstance } from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import type { LoggedIn } from './accounts.ts';

let counter = 0;

/** A workshop entry as in workshops.json: online, for everyone, starting on `start`. */
export function workshopBody(start: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    id: `test-werkstatt-${counter}-${start.slice(0, 10)}`,
    title: { de: `Testwerkstatt ${counter}`, en: `Test workshop ${counter}` },
    summary: { de: 'Ein Abend zum Ausprobieren.' },
    topics: ['backup'],
    format: 'workshop',
    start,
    end: `${start.slice(0, 10)}T19:00`,
    online: true,
    regions: [],
    provider: 'Handwerkskammer-Beispiel',
    registrationUrl: 'https://www.example.org/anmeldung',
    ...overrides,
  };
}

/** The request fields a refusal names: RFC 6901 pointers of its problem details' `errors`. */
export function refusedFields(response: LightMyRequestResponse): string[] {
  const body = response.json() as { errors?: { pointer: string }[] };
  return (body.errors ?? []).map((e) => e.pointer);
}

export async function addWorkshop(app: FastifyInstance, staff: LoggedIn, body: Record<string, unknown>) {
  const response = await app.inject({ method: 'POST', url: '/api/catalogue/workshops', headers: staff.headers, payload: body });
  if (response.statusCode !== 201) throw new Error(`add workshop failed: ${response.statusCode} ${response.body}`);
  return response.json() as { id: string; revision: number; data: Record<string, unknown> };
}
