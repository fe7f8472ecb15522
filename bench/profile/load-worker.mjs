// Runs autocannon in its own process (autocannon aggregates results only on a main thread),
// so the server's CPU profile shows only the server. Input and output over IPC.
import autocannon from 'autocannon';

process.once('message', async ({ url, mode, checks, body, connections }) => {
  let next = 0;
  const result = await autocannon({
    url,
    connections,
    amount: checks.length,
    requests: [
      {
        method: mode === 'submit' ? 'POST' : 'PATCH',
        setupRequest: (request) => {
          const n = next++;
          const check = checks[n % checks.length];
          return mode === 'submit'
            ? { ...request, path: `/api/assessments/${check.id}/submit`, headers: { 'x-resume-code': check.resumeCode } }
            : { ...request, path: `/api/assessments/${check.id}`, headers: { 'content-type': 'application/json', 'x-resume-code': check.resumeCode }, body: body[n % body.length] };
        },
      },
    ],
  });
  process.send({ rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors }, () => process.exit(0));
});
