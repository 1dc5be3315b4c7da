import { ADMIN, bearer, createTestApp, seedTree, signIn, TestApp } from './support/test-app';

describe('org units and scope', () => {
  let t: TestApp;
  let admin: string;
  let tree: Awaited<ReturnType<typeof seedTree>>;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, ADMIN.username, ADMIN.password);
    tree = await seedTree(t, admin);
  });
  afterAll(() => t.close());

  it('lists the whole tree for the county admin, ordered by code', async () => {
    const res = await t.http().get('/v1/org-units').set(bearer(admin)).expect(200);
    expect(res.body.items.map((u: { code: string }) => u.code)).toEqual(['330102', '330102001', '330102001001', '330102002']);
    expect(res.body.nextCursor).toBeNull();
  });

  it("keeps one street's staff out of another street's units", async () => {
    const clerk = await tree.user('qingbo.clerk', '张敏', ['intake_clerk'], tree.qingbo.id);
    const list = await t.http().get('/v1/org-units').set(bearer(clerk)).expect(200);
    expect(list.body.items.map((u: { name: string }) => u.name)).toEqual(['清波街道', '清波门社区']);
    const other = await t.http().get(`/v1/org-units/${tree.hubin.id}`).set(bearer(clerk)).expect(404);
    expect(other.body).toMatchObject({ code: 'ORG_UNIT.NOT_FOUND', status: 404, instance: `/v1/org-units/${tree.hubin.id}` });
    await t.http().get(`/v1/org-units/${tree.root.id}`).set(bearer(clerk)).expect(404);
    await t.http().get(`/v1/org-units/${tree.qingbomen.id}`).set(bearer(clerk)).expect(200);
  });

  it("keeps a street admin's user management inside the street", async () => {
    await t.http().post('/v1/users').set(bearer(admin)).send({ username: 'hubin.admin', displayName: '湖滨管理员', roles: ['admin', 'director'], orgUnitId: tree.hubin.id, password: 'Hubin-Admin-2026' }).expect(201);
    const streetAdmin = await signIn(t, 'hubin.admin', 'Hubin-Admin-2026');
    const res = await t.http().post('/v1/users').set(bearer(streetAdmin)).send({ username: 'intruder', displayName: '越权', roles: ['mediator'], orgUnitId: tree.qingbo.id }).expect(404);
    expect(res.body.code).toBe('ORG_UNIT.NOT_FOUND');
    const users = await t.http().get('/v1/users').set(bearer(streetAdmin)).expect(200);
    expect(users.body.items.map((u: { username: string }) => u.username)).toEqual(['hubin.admin']);
  });

  it('pages with a cursor without skipping or repeating', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: Array<{ code: string }>; nextCursor: string | null } } = await t
        .http()
        .get('/v1/org-units')
        .query({ limit: 1, ...(cursor ? { cursor } : {}) })
        .set(bearer(admin))
        .expect(200);
      seen.push(...res.body.items.map((u) => u.code));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['330102', '330102001', '330102001001', '330102002']);
    const bad = await t.http().get('/v1/org-units').query({ cursor: 'garbage' }).set(bearer(admin)).expect(400);
    expect(bad.body.code).toBe('REQUEST.INVALID_CURSOR');
  });

  it('searches Chinese names', async () => {
    const res = await t.http().get('/v1/org-units').query({ q: '清波' }).set(bearer(admin)).expect(200);
    expect(res.body.items.map((u: { name: string }) => u.name)).toEqual(['清波街道', '清波门社区']);
  });

  describe('validation and rules', () => {
    it('answers 400 with per-field errors in Chinese by default', async () => {
      const res = await t.http().post('/v1/org-units').set(bearer(admin)).send({ parentId: 'x', code: '12', name: '', kind: 'city', extra: 1 }).expect(400);
      expect(res.body).toMatchObject({ type: '/problems/REQUEST.VALIDATION_FAILED', status: 400, code: 'REQUEST.VALIDATION_FAILED', title: '请求参数有误' });
      const byField = Object.fromEntries(res.body.errors.map((e: { field: string; code: string; message: string }) => [`${e.field}:${e.code}`, e.message]));
      expect(byField).toMatchObject({
        'parentId:isUuid': expect.any(String),
        'code:matches': '格式不正确',
        'name:isNotEmpty': '不能为空',
        'kind:isIn': '应为以下值之一：town, street, village, community',
        'extra:whitelistValidation': '不是可接受的字段',
      });
      expect(res.body.detail).toBe(`请求中有 ${res.body.errors.length} 处错误，详见 errors。`);
    });

    it('answers in English when asked', async () => {
      const res = await t.http().post('/v1/org-units').set(bearer(admin)).set('Accept-Language', 'en').send({ parentId: tree.root.id, code: '330102003', name: 'x'.repeat(101), kind: 'town' }).expect(400);
      expect(res.body.errors).toEqual([{ field: 'name', code: 'maxLength', message: 'must be at most 100 characters' }]);
      expect(res.headers['content-language']).toBe('en');
    });

    it('refuses a code that does not extend the parent code (422)', async () => {
      const res = await t.http().post('/v1/org-units').set(bearer(admin)).send({ parentId: tree.qingbo.id, code: '330102002009', name: '错位社区', kind: 'community' }).expect(422);
      expect(res.body).toMatchObject({ code: 'ORG_UNIT.CODE_MISMATCH', status: 422 });
      expect(res.body.detail).toContain('330102001');
    });

    it('refuses a village directly under the county (422)', async () => {
      const res = await t.http().post('/v1/org-units').set(bearer(admin)).send({ parentId: tree.root.id, code: '330102009', name: '某村', kind: 'village' }).expect(422);
      expect(res.body.code).toBe('ORG_UNIT.INVALID_PARENT');
    });

    it('refuses a code already in use (409) and changes nothing', async () => {
      const before = await t.http().get('/v1/org-units').set(bearer(admin)).expect(200);
      const res = await t.http().post('/v1/org-units').set(bearer(admin)).send({ parentId: tree.root.id, code: '330102001', name: '重复街道', kind: 'street' }).expect(409);
      expect(res.body).toMatchObject({ code: 'ORG_UNIT.CODE_TAKEN', status: 409, detail: '区划代码 330102001 已被单位“清波街道”使用。' });
      const after = await t.http().get('/v1/org-units').set(bearer(admin)).expect(200);
      expect(after.body.items).toHaveLength(before.body.items.length);
    });

    it('refuses a duplicate username (409)', async () => {
      await t.http().post('/v1/users').set(bearer(admin)).send({ username: 'dup.user', displayName: '甲', roles: ['mediator'], orgUnitId: tree.qingbo.id }).expect(201);
      const res = await t.http().post('/v1/users').set(bearer(admin)).send({ username: 'Dup.User', displayName: '乙', roles: ['mediator'], orgUnitId: tree.qingbo.id }).expect(409);
      expect(res.body.code).toBe('USER.USERNAME_TAKEN');
    });

    it('returns a generated password once when none is given', async () => {
      const res = await t.http().post('/v1/users').set(bearer(admin)).send({ username: 'gen.pass', displayName: '郑红', roles: ['grid_worker'], orgUnitId: tree.qingbomen.id }).expect(201);
      expect(res.body.initialPassword).toMatch(/^\S{4}-\S{4}-\S{4}$/);
      await signIn(t, 'gen.pass', res.body.initialPassword);
      const read = await t.http().get(`/v1/users/${res.body.id}`).set(bearer(admin)).expect(200);
      expect(read.body.initialPassword).toBeUndefined();
    });
  });

  describe('optimistic concurrency', () => {
    it('requires If-Match (428), refuses a stale one (412), accepts the current one', async () => {
      const read = await t.http().get(`/v1/org-units/${tree.qingbomen.id}`).set(bearer(admin)).expect(200);
      expect(read.headers.etag).toBe(`"${read.body.version}"`);
      const missing = await t.http().patch(`/v1/org-units/${tree.qingbomen.id}`).set(bearer(admin)).send({ centerName: '清波门社区人民调解委员会' }).expect(428);
      expect(missing.body.code).toBe('REQUEST.PRECONDITION_REQUIRED');
      const ok = await t.http().patch(`/v1/org-units/${tree.qingbomen.id}`).set(bearer(admin)).set('If-Match', read.headers.etag).send({ centerName: '清波门社区人民调解委员会' }).expect(200);
      expect(ok.body.centerName).toBe('清波门社区人民调解委员会');
      expect(ok.headers.etag).not.toBe(read.headers.etag);
      const stale = await t.http().patch(`/v1/org-units/${tree.qingbomen.id}`).set(bearer(admin)).set('If-Match', read.headers.etag).send({ name: '旧名' }).expect(412);
      expect(stale.body.code).toBe('REQUEST.PRECONDITION_FAILED');
      const now = await t.http().get(`/v1/org-units/${tree.qingbomen.id}`).set(bearer(admin)).expect(200);
      expect(now.body.name).toBe('清波门社区');
    });

    it('will not deactivate a unit with active children, nor the root', async () => {
      const street = await t.http().get(`/v1/org-units/${tree.qingbo.id}`).set(bearer(admin)).expect(200);
      const res = await t.http().patch(`/v1/org-units/${tree.qingbo.id}`).set(bearer(admin)).set('If-Match', street.headers.etag).send({ active: false }).expect(409);
      expect(res.body).toMatchObject({ code: 'ORG_UNIT.HAS_ACTIVE_CHILDREN', detail: '请先停用下级单位（共 1 个）。' });
      const root = await t.http().get(`/v1/org-units/${tree.root.id}`).set(bearer(admin)).expect(200);
      expect((await t.http().patch(`/v1/org-units/${tree.root.id}`).set(bearer(admin)).set('If-Match', root.headers.etag).send({ active: false }).expect(422)).body.code).toBe('ORG_UNIT.ROOT_IMMUTABLE');
    });
  });
});
