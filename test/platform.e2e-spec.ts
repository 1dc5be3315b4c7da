import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, bearer, createTestApp, signIn, TestApp } from './support/test-app';

describe('platform: request ids, errors, health, docs', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('request id', () => {
    it('echoes a well-formed X-Request-Id', async () => {
      const res = await t.http().get('/health/live').set('X-Request-Id', 'court-gw-20261123-0001').expect(200);
      expect(res.headers['x-request-id']).toBe('court-gw-20261123-0001');
    });

    it('generates one when absent or unsafe, and puts it in error bodies', async () => {
      const res = await t.http().get('/v1/me').set('X-Request-Id', 'bad id\twith spaces').expect(401);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
    });
  });

  describe('problem+json for framework errors', () => {
    it('unknown route → 404 REQUEST.ROUTE_NOT_FOUND', async () => {
      const res = await t.http().get('/v1/no-such-thing').expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'REQUEST.ROUTE_NOT_FOUND', status: 404, detail: '没有 GET /v1/no-such-thing 这个接口。' });
    });

    it('malformed JSON → 400 REQUEST.MALFORMED_BODY', async () => {
      const res = await t.http().post('/v1/auth/token').set('Content-Type', 'application/json').send('{"username": "admin",').expect(400);
      expect(res.body).toMatchObject({ code: 'REQUEST.MALFORMED_BODY', status: 400 });
    });

    it('an oversized body → 413', async () => {
      const res = await t.http().post('/v1/auth/token').set('Content-Type', 'application/json').send(JSON.stringify({ username: 'a', password: 'x'.repeat(1_100_000) })).expect(413);
      expect(res.body.code).toBe('REQUEST.PAYLOAD_TOO_LARGE');
    });

    it('a non-UUID id → 400 naming the parameter', async () => {
      const admin = await signIn(t, ADMIN.username, ADMIN.password);
      const res = await t.http().get('/v1/org-units/123').set(bearer(admin)).expect(400);
      expect(res.body.errors).toEqual([{ field: 'id', code: 'isUUID', message: '应为 UUID' }]);
    });

    it('documents every code at its type URI', async () => {
      const res = await t.http().get('/problems/AUTH.FORBIDDEN').expect(200);
      expect(res.body).toMatchObject({ code: 'AUTH.FORBIDDEN', status: 403, title: { zh: '无权操作', en: 'Forbidden' } });
      const all = await t.http().get('/problems').expect(200);
      expect(all.body.length).toBeGreaterThan(20);
    });
  });

  describe('health', () => {
    it('live', async () => {
      expect((await t.http().get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
    });

    it('ready reports PostgreSQL and Redis', async () => {
      const res = await t.http().get('/health/ready').expect(200);
      expect(res.body.status).toBe('ok');
      expect(res.body.info).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' }, process: { status: 'up' } });
    });

    it('metrics count requests by route template, never by raw path', async () => {
      await t.http().get('/v1/org-units/0b5e8f0e-6d0a-4c43-9a43-3f1c0c2a9d11').expect(401);
      const res = await t.http().get('/metrics').expect(200);
      expect(res.text).toContain('tiaojie_http_request_duration_seconds_count');
      expect(res.text).toContain('route="/health/live"');
      expect(res.text).not.toContain('0b5e8f0e-6d0a-4c43-9a43-3f1c0c2a9d11');
    });
  });

  describe('API documentation', () => {
    it('serves Swagger UI at /docs', async () => {
      const res = await t.http().get('/docs').redirects(1).expect(200);
      expect(res.text).toContain('swagger');
    });

    it('serves an OpenAPI 3.1 document identical to the committed openapi.json', async () => {
      const res = await t.http().get('/openapi.json').expect(200);
      const committed = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8'));
      expect(res.body.openapi).toBe('3.1.0');
      expect(res.body).toEqual(committed);
    });

    it('documents every route with a summary, its security and its error responses', async () => {
      const doc = (await t.http().get('/openapi.json').expect(200)).body as { paths: Record<string, Record<string, { summary?: string; security?: unknown[]; responses: Record<string, unknown> }>> };
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          expect(`${method} ${path}: ${op.summary ? 'summary' : 'none'}`).toBe(`${method} ${path}: summary`);
          if (path.startsWith('/v1/') && path !== '/v1/auth/token') {
            expect(`${method} ${path}: ${op.security ? 'secured' : 'open'}`).toBe(`${method} ${path}: secured`);
            expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403']));
          }
        }
      }
    });
  });
});
