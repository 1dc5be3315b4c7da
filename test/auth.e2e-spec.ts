import { ADMIN, bearer, createTestApp, seedTree, signIn, TestApp } from './support/test-app';

describe('sign-in, tokens and API keys', () => {
  let t: TestApp;
  let admin: string;
  let tree: Awaited<ReturnType<typeof seedTree>>;

  beforeAll(async () => {
    t = await createTestApp({ AUTH_MAX_FAILED_SIGNINS: '3' });
    admin = await signIn(t, ADMIN.username, ADMIN.password);
    tree = await seedTree(t, admin);
  });
  afterAll(() => t.close());

  describe('staff sign-in', () => {
    it('issues a bearer token that identifies the user and their unit', async () => {
      const res = await t.http().post('/v1/auth/token').send({ username: 'ADMIN ', password: ADMIN.password }).expect(200);
      expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 1800, expiresAt: '2026-11-23T09:30:00.000+08:00', user: { username: 'admin', roles: ['admin'] } });
      expect(res.body.user.passwordHash).toBeUndefined();
      const me = await t.http().get('/v1/me').set(bearer(res.body.accessToken)).expect(200);
      expect(me.body).toMatchObject({ type: 'staff', name: '系统管理员', roles: ['admin'], orgUnit: { code: '330102', name: '上城区' } });
    });

    it('refuses a wrong password with problem+json, in English when asked', async () => {
      const res = await t.http().post('/v1/auth/token').set('Accept-Language', 'en-US,en;q=0.9').send({ username: 'admin', password: 'wrong-password' }).expect(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toEqual({
        type: '/problems/AUTH.INVALID_CREDENTIALS',
        title: 'Wrong username or password',
        status: 401,
        detail: 'The username or password is wrong.',
        instance: '/v1/auth/token',
        code: 'AUTH.INVALID_CREDENTIALS',
        requestId: res.headers['x-request-id'],
      });
    });

    it('gives an unknown user the same answer as a wrong password', async () => {
      const res = await t.http().post('/v1/auth/token').send({ username: 'nobody', password: 'whatever-123' }).expect(401);
      expect(res.body.code).toBe('AUTH.INVALID_CREDENTIALS');
    });

    it('locks a username after repeated failures, with Retry-After, and the right password does not get through', async () => {
      await t.http().post('/v1/users').set(bearer(admin)).send({ username: 'zhaolei', displayName: '赵磊', roles: ['intake_clerk'], orgUnitId: tree.qingbo.id, password: 'Zhaolei-Pass-2026' }).expect(201);
      for (let i = 0; i < 3; i++) await t.http().post('/v1/auth/token').send({ username: 'zhaolei', password: 'guess-' + i }).expect(401);
      const locked = await t.http().post('/v1/auth/token').send({ username: 'zhaolei', password: 'Zhaolei-Pass-2026' }).expect(429);
      expect(locked.body.code).toBe('AUTH.ACCOUNT_LOCKED');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('expires tokens after AUTH_TOKEN_TTL', async () => {
      const token = await signIn(t, ADMIN.username, ADMIN.password);
      t.clock.advance(29 * 60_000);
      await t.http().get('/v1/me').set(bearer(token)).expect(200);
      t.clock.advance(2 * 60_000);
      const res = await t.http().get('/v1/me').set(bearer(token)).expect(401);
      expect(res.body.code).toBe('AUTH.TOKEN_EXPIRED');
      expect(res.headers['www-authenticate']).toContain('invalid_token');
      t.clock.advance(-31 * 60_000);
    });

    it.each([
      ['a garbage token', 'Bearer not.a.jwt', 'AUTH.INVALID_TOKEN'],
      ['a token signed with another secret', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4IiwidmVyIjowLCJpYXQiOjE3OTU0NjYwMDAsImV4cCI6MTc5NTQ2OTYwMH0.2Q6k0d7fWlR5b4m4m3Yq8v6v4cM0Yw2bYJ8R1o8X1wQ', 'AUTH.INVALID_TOKEN'],
      ['a Basic header', 'Basic YWRtaW46eA==', 'AUTH.INVALID_TOKEN'],
    ])('refuses %s', async (_, header, code) => {
      const res = await t.http().get('/v1/me').set('Authorization', header).expect(401);
      expect(res.body.code).toBe(code);
    });

    it('refuses a call without credentials', async () => {
      const res = await t.http().get('/v1/users').expect(401);
      expect(res.body).toMatchObject({ code: 'AUTH.UNAUTHENTICATED', status: 401, title: '未登录' });
      expect(res.headers['www-authenticate']).toBe('Bearer realm="tiaojie"');
    });

    it('ends the other sessions when a user changes their password', async () => {
      const first = await tree.user('liuyang', '刘洋', ['mediator'], tree.qingbo.id);
      const changed = await t.http().post('/v1/me/password').set(bearer(first)).send({ currentPassword: 'liuyang-Pass-2026', newPassword: 'Liuyang-New-2026' }).expect(200);
      await t.http().get('/v1/me').set(bearer(first)).expect(401);
      await t.http().get('/v1/me').set(bearer(changed.body.accessToken)).expect(200);
      await signIn(t, 'liuyang', 'Liuyang-New-2026');
      const wrong = await t.http().post('/v1/me/password').set(bearer(changed.body.accessToken)).send({ currentPassword: 'nope-nope-nope', newPassword: 'Whatever-2026' }).expect(422);
      expect(wrong.body.code).toBe('AUTH.WRONG_PASSWORD');
    });

    it('signs a deactivated user out at once', async () => {
      const token = await tree.user('sunli', '孙丽', ['mediator'], tree.hubin.id);
      const users = await t.http().get('/v1/users').query({ q: '孙丽' }).set(bearer(admin)).expect(200);
      const id = users.body.items[0].id;
      const read = await t.http().get(`/v1/users/${id}`).set(bearer(admin)).expect(200);
      await t.http().patch(`/v1/users/${id}`).set(bearer(admin)).set('If-Match', read.headers.etag).send({ active: false }).expect(200);
      expect((await t.http().get('/v1/me').set(bearer(token)).expect(401)).body.code).toBe('AUTH.INVALID_TOKEN');
      expect((await t.http().post('/v1/auth/token').send({ username: 'sunli', password: 'sunli-Pass-2026' }).expect(401)).body.code).toBe('AUTH.INVALID_CREDENTIALS');
    });
  });

  describe('roles', () => {
    it('refuses a mediator on admin routes with 403 problem+json naming the role', async () => {
      const mediator = await tree.user('chenjing', '陈静', ['mediator'], tree.qingbo.id);
      const res = await t.http().post('/v1/users').set(bearer(mediator)).send({ username: 'x12', displayName: '某人', roles: ['admin'], orgUnitId: tree.root.id }).expect(403);
      expect(res.body).toMatchObject({ code: 'AUTH.FORBIDDEN', status: 403, title: '无权操作' });
      expect(res.body.detail).toContain('调解员');
      await t.http().get('/v1/org-units').set(bearer(mediator)).expect(200);
    });
  });

  describe('partner API keys', () => {
    let partnerId: string;
    let key: string;
    let keyId: string;

    beforeAll(async () => {
      const partner = await t.http().post('/v1/partners').set(bearer(admin)).send({ name: '杭州市上城区人民法院', kind: 'court', orgUnitId: tree.root.id, externalCode: 'J3301020' }).expect(201);
      partnerId = partner.body.id;
      const created = await t.http().post(`/v1/partners/${partnerId}/api-keys`).set(bearer(admin)).send({ label: '诉调对接平台' }).expect(201);
      key = created.body.key;
      keyId = created.body.id;
    });

    it('shows the key once and never again', async () => {
      expect(key).toMatch(/^tjk_[0-9a-f]{8}_/);
      const list = await t.http().get(`/v1/partners/${partnerId}/api-keys`).set(bearer(admin)).expect(200);
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0]).toMatchObject({ id: keyId, label: '诉调对接平台', prefix: key.slice(0, 12), revokedAt: null });
      expect(JSON.stringify(list.body)).not.toContain(key);
    });

    it('authenticates the partner and records that the key was used', async () => {
      const me = await t.http().get('/v1/me').set('X-Api-Key', key).expect(200);
      expect(me.body).toMatchObject({ type: 'partner', name: '杭州市上城区人民法院', partnerKind: 'court', keyPrefix: key.slice(0, 12) });
      const list = await t.http().get(`/v1/partners/${partnerId}/api-keys`).set(bearer(admin)).expect(200);
      expect(list.body.items[0].lastUsedAt).not.toBeNull();
    });

    it('keeps partners off staff routes', async () => {
      const res = await t.http().get('/v1/users').set('X-Api-Key', key).expect(403);
      expect(res.body.code).toBe('AUTH.FORBIDDEN');
    });

    it('refuses a wrong key', async () => {
      const wrong = `${key.slice(0, 13)}${'A'.repeat(43)}`;
      expect((await t.http().get('/v1/me').set('X-Api-Key', wrong).expect(401)).body.code).toBe('AUTH.INVALID_API_KEY');
      expect((await t.http().get('/v1/me').set('X-Api-Key', 'hello').expect(401)).body.code).toBe('AUTH.INVALID_API_KEY');
    });

    it('stops a revoked key on its next request; revoking twice is harmless', async () => {
      const second = (await t.http().post(`/v1/partners/${partnerId}/api-keys`).set(bearer(admin)).send({ label: '轮换用新密钥' }).expect(201)).body.key;
      const revoked = await t.http().post(`/v1/partners/${partnerId}/api-keys/${keyId}/revoke`).set(bearer(admin)).expect(200);
      expect(revoked.body.revokedAt).toBe('2026-11-23T09:00:00.000+08:00');
      expect((await t.http().get('/v1/me').set('X-Api-Key', key).expect(401)).body.code).toBe('AUTH.INVALID_API_KEY');
      await t.http().post(`/v1/partners/${partnerId}/api-keys/${keyId}/revoke`).set(bearer(admin)).expect(200);
      // The rotation key keeps working.
      await t.http().get('/v1/me').set('X-Api-Key', second).expect(200);
    });

    it('stops every key when the partner is disabled', async () => {
      const p = await t.http().post('/v1/partners').set(bearer(admin)).send({ name: '清波派出所', kind: 'police', orgUnitId: tree.qingbo.id }).expect(201);
      const k = (await t.http().post(`/v1/partners/${p.body.id}/api-keys`).set(bearer(admin)).send({ label: '警调对接' }).expect(201)).body.key;
      await t.http().get('/v1/me').set('X-Api-Key', k).expect(200);
      await t.http().patch(`/v1/partners/${p.body.id}`).set(bearer(admin)).set('If-Match', p.headers.etag).send({ active: false }).expect(200);
      await t.http().get('/v1/me').set('X-Api-Key', k).expect(401);
    });

    it('lets a police key see only its own street', async () => {
      const p = await t.http().post('/v1/partners').set(bearer(admin)).send({ name: '湖滨派出所', kind: 'police', orgUnitId: tree.hubin.id }).expect(201);
      const k = (await t.http().post(`/v1/partners/${p.body.id}/api-keys`).set(bearer(admin)).send({ label: '警调对接' }).expect(201)).body.key;
      const units = await t.http().get('/v1/org-units').set('X-Api-Key', k).expect(200);
      expect(units.body.items.map((u: { name: string }) => u.name)).toEqual(['湖滨街道']);
      await t.http().get(`/v1/org-units/${tree.qingbo.id}`).set('X-Api-Key', k).expect(404);
    });
  });

  it('writes an audit row for each change, readable by auditors of the same subtree', async () => {
    const auditor = await tree.user('zhouqi', '周琪', ['auditor'], tree.root.id);
    const res = await t.http().get('/v1/audit-events').query({ action: 'api_key.revoked' }).set(bearer(auditor)).expect(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(1);
    expect(res.body.items[0]).toMatchObject({ actorType: 'staff', actorName: '系统管理员', subjectType: 'partner' });
    expect(JSON.stringify(res.body)).not.toMatch(/tjk_[0-9a-f]{8}_\S{43}/);
    const streetAuditor = await tree.user('wuhao', '吴昊', ['auditor'], tree.hubin.id);
    const scoped = await t.http().get('/v1/audit-events').query({ subjectType: 'org_unit' }).set(bearer(streetAuditor)).expect(200);
    expect(scoped.body.items.every((e: { orgUnitId: string }) => e.orgUnitId === tree.hubin.id)).toBe(true);
  });

  it('refuses to change the audit trail, even from SQL', async () => {
    await expect(t.ds.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
  });
});
