import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { databaseName, dropDatabase, ensureDatabase, withDatabase } from '../../src/database/database-admin';

jest.setTimeout(90_000);

/**
 * The real entry point (src/main.ts) in its own process: it starts with only DATABASE_URL set,
 * reports ready, serves, and on SIGTERM fails readiness, drains and exits 0.
 */
describe('the service process', () => {
  const templateUrl = process.env.TJ_TEST_TEMPLATE_URL!;
  const url = withDatabase(templateUrl, `${databaseName(templateUrl)}_proc${randomBytes(3).toString('hex')}`);
  let child: ChildProcessWithoutNullStreams | undefined;
  let output = '';

  beforeAll(() => ensureDatabase(url, databaseName(templateUrl)));
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await dropDatabase(url);
  });

  it('starts, serves, and shuts down cleanly on SIGTERM', async () => {
    child = spawn(process.execPath, [join(__dirname, '..', '..', 'node_modules', 'ts-node', 'dist', 'bin.js'), '--transpile-only', 'src/main.ts'], {
      cwd: join(__dirname, '..', '..'),
      env: { ...process.env, DATABASE_URL: url, PORT: '0', LOG_LEVEL: 'warn', REDIS_PREFIX: `tjtest-proc-${randomBytes(3).toString('hex')}`, ADMIN_PASSWORD: 'Admin-pass-2026', NODE_ENV: 'test' },
    });
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const base = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const m = /API ready \(APP_ROLE=all\): (http:\/\/\S+)/.exec(output);
        if (m) {
          clearInterval(timer);
          resolve(m[1]);
        } else if (child!.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`exited early:\n${output}`));
        }
      }, 100);
    });
    expect(output).toContain('docs:    ' + base + '/docs');
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    const token = await fetch(`${base}/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'Admin-pass-2026' }) });
    expect(token.status).toBe(200);

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = await exited;
    expect(output).toContain('SIGTERM: shutting down');
    expect(code).toBe(0);
    await expect(fetch(`${base}/health/live`)).rejects.toThrow();
  });
});
