/**
 * The deployment files (Dockerfile, compose.yaml, deploy/Caddyfile,
 * .dockerignore) cannot be run here — no Docker engine — so this checks what
 * can be checked without one: compose.yaml parses and has the topology the
 * README promises, and every path, script and file the Dockerfile names exists.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// `yaml` is already installed (a dependency of @fastify/swagger); no dependency is added for this test.
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const exists = (path: string) => existsSync(new URL(path, root));

interface Service {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
}

describe('compose.yaml', () => {
  const compose = parse(read('compose.yaml')) as { services: Record<string, Service>; volumes: Record<string, unknown> };
  const { services } = compose;

  it('runs PostgreSQL 16 on a named volume, with a health check', () => {
    expect(services.postgres!.image).toMatch(/^postgres:16/);
    expect(services.postgres!.volumes).toContain('postgres-data:/var/lib/postgresql/data');
    expect(Object.keys(compose.volumes)).toContain('postgres-data');
    expect(services.postgres!.healthcheck!.test.join(' ')).toContain('pg_isready');
  });

  it('runs two app instances from this image on that database, each checked on /ready', () => {
    const apps = Object.entries(services).filter(([, s]) => s.build !== undefined);
    expect(apps.map(([name]) => name)).toEqual(['app1', 'app2']);
    for (const [, app] of apps) {
      expect(app.environment!.PROCHECK_DATABASE_URL).toMatch(/^postgres:\/\/procheck:.*@postgres:5432\/procheck$/);
      expect(app.environment!.HOST).toBe('0.0.0.0');
      expect(app.environment!.PROCHECK_TRUST_PROXY).toBeTruthy();
      expect(app.healthcheck!.test.join(' ')).toContain('/ready');
      expect(app.depends_on!.postgres!.condition).toBe('service_healthy');
    }
  });

  it('puts a reverse proxy in front that balances the two and checks them on /ready', () => {
    const proxy = services.proxy!;
    const mounted = proxy.volumes!.map((v) => v.split(':')).find(([, target]) => target === '/etc/caddy/Caddyfile');
    expect(mounted).toBeDefined();
    expect(exists(mounted![0]!)).toBe(true);
    const caddyfile = read(mounted![0]!);
    expect(caddyfile).toMatch(/reverse_proxy app1:3000 app2:3000/);
    expect(caddyfile).toMatch(/health_uri \/ready/);
    expect(Object.keys(proxy.depends_on!).sort()).toEqual(['app1', 'app2']);
    // Only the proxy publishes a port; the instances are reached through it.
    expect(proxy.ports).toHaveLength(1);
    expect(Object.entries(services).filter(([, s]) => s.ports).map(([name]) => name)).toEqual(['proxy']);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const instructions = dockerfile
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter((line) => line.trim() && !line.trim().startsWith('#'));
  const stages = instructions.filter((line) => line.startsWith('FROM '));

  it('is multi-stage: the web app is built with npm ci and Vite, the runtime gets production dependencies only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/RUN npm ci --no-audit/);
    expect(dockerfile).toMatch(/RUN npm ci --omit=dev/);
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    for (const [, script] of dockerfile.matchAll(/npm run (\S+)/g)) expect(scripts[script!], `npm run ${script}`).toBeDefined();
    expect(scripts.build).toContain('vite build');
  });

  it('gives the build of the web app every folder the web app imports from', () => {
    const build = instructions.slice(instructions.indexOf(stages[0]!), instructions.indexOf(stages[1]!));
    const copied = build.filter((line) => line.startsWith('COPY ')).flatMap((line) => line.split(/\s+/).slice(1, -1));
    const imported = new Set<string>();
    const walk = (dir: URL) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.name === 'dist' || entry.name === 'node_modules') continue;
        const url = new URL(`${entry.name}${entry.isDirectory() ? '/' : ''}`, dir);
        if (entry.isDirectory()) walk(url);
        else if (/\.(ts|tsx)$/.test(entry.name)) {
          for (const [, path] of readFileSync(url, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
            const target = new URL(path!, url).pathname.slice(new URL(root).pathname.length);
            imported.add(target.split('/')[0]!);
          }
        }
      }
    };
    walk(new URL('client/', root));
    expect([...imported].sort()).toEqual(expect.arrayContaining(['api', 'client']));
    for (const folder of imported) expect(copied, folder).toContain(folder);
  });

  it('copies only paths that exist', () => {
    const copies = instructions.filter((line) => line.startsWith('COPY ') && !line.includes('--from='));
    expect(copies.length).toBeGreaterThan(3);
    for (const line of copies) {
      const sources = line.split(/\s+/).slice(1, -1);
      for (const source of sources) expect(exists(source), source).toBe(true);
    }
  });

  it('runs the server as a user other than root, keeps the data in a volume and checks /ready', () => {
    const runtime = instructions.slice(instructions.lastIndexOf(stages.at(-1)!));
    const user = runtime.find((line) => line.startsWith('USER '));
    expect(user).toBeDefined();
    expect(user).not.toMatch(/USER (root|0)\b/);
    expect(runtime.some((line) => line.startsWith('VOLUME '))).toBe(true);
    expect(runtime.find((line) => line.startsWith('HEALTHCHECK '))).toContain('/ready');
    const command = JSON.parse(runtime.find((line) => line.startsWith('CMD '))!.slice(4)) as string[];
    expect(command[0]).toBe('node');
    expect(exists(command[1]!)).toBe(true);
    // The runtime stage installs no compilers.
    expect(runtime.some((line) => /apt-get install/.test(line))).toBe(false);
  });

  it('is served from a context without host dependencies or databases (.dockerignore)', () => {
    const ignored = read('.dockerignore').split('\n').map((line) => line.trim());
    for (const pattern of ['node_modules', '.git', 'data', '*.db', 'client/dist']) expect(ignored).toContain(pattern);
    // …but with everything the Dockerfile copies.
    const copied = instructions.filter((line) => line.startsWith('COPY ') && !line.includes('--from=')).flatMap((line) => line.split(/\s+/).slice(1, -1));
    for (const path of copied) expect(ignored).not.toContain(path);
  });
});
