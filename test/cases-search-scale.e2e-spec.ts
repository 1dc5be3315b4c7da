import { ADMIN, bearer, createTestApp, seedTree, signIn, TestApp } from './support/test-app';

/**
 * The text search reads newest cases first in slices of time (CasesService.searchPage): the pages
 * it returns, cursor after cursor, must be exactly those of one ordered query over every match,
 * for common, rare and absent words, in and out of a scope, ties on the registration instant
 * included. 6,000 cases over three years (more than the 4,000 newest read in order) exercise all
 * three slices.
 */
describe('text search over many cases', () => {
  let t: TestApp;
  let director: string;
  let streetClerk: string;
  let tree: Awaited<ReturnType<typeof seedTree>>;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = await signIn(t, ADMIN.username, ADMIN.password);
    tree = await seedTree(t, admin);
    director = await tree.user('county.director', '王建国', ['director'], tree.root.id);
    streetClerk = await tree.user('qingbo.clerk', '陈晓燕', ['intake_clerk'], tree.qingbo.id);
    // Every 9th case is about unpaid wages, every 701st about a homestead; one, the oldest, holds a
    // word nothing else has. Cases come in pairs registered at the same millisecond.
    await t.ds.query(
      `INSERT INTO cases (number, org_unit_id, channel, title, description, party_count, risk_level, status, search_text, registered_at, version)
       SELECT 'SCALE-' || g, CASE WHEN g % 3 = 0 THEN $2::uuid ELSE $1::uuid END, 'walk_in', t.title, t.title || '，双方协商未果。', 2, 'blue', 'registered',
              t.title || ' 双方协商未果。 张' || (g % 50) || ' 李' || (g % 37),
              $3::timestamptz - ((g / 2) * interval '9 hours'), 1
         FROM generate_series(1, 6000) g,
              LATERAL (SELECT CASE WHEN g = 6000 THEN '独一无二的纠纷' WHEN g % 701 = 0 THEN '宅基地界址纠纷' WHEN g % 9 = 0 THEN '拖欠工资纠纷' ELSE '邻里噪音纠纷' END AS title) t`,
      [tree.root.id, tree.qingbo.id, '2026-11-20T02:00:00Z'],
    );
    await t.ds.query('ANALYZE cases');
  });

  afterAll(() => t.close());

  /** Every page the API returns, following the cursor to the end. */
  const allPages = async (token: string, q: string, limit: number) => {
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 500; pages++) {
      const body = (await t.http().get('/v1/cases').query({ q, limit, ...(cursor ? { cursor } : {}) }).set(bearer(token)).expect(200)).body;
      expect(body.items.length).toBeLessThanOrEqual(limit);
      ids.push(...body.items.map((c: { id: string }) => c.id));
      if (!body.nextCursor) return ids;
      expect(body.items.length).toBe(limit);
      cursor = body.nextCursor;
    }
    throw new Error('too many pages');
  };

  /** The same search as one ordered query over everything in the unit's scope. */
  const reference = async (q: string, unitId: string) =>
    (
      await t.ds.query(
        `SELECT c.id FROM cases c JOIN org_units u ON u.id = c.org_unit_id
          WHERE u.path LIKE (SELECT path || '%' FROM org_units WHERE id = $1) AND tj_bigrams(c.search_text) @> tj_bigrams($2) AND c.search_text ILIKE $3
          ORDER BY c.registered_at DESC, c.id DESC`,
        [unitId, q, `%${q}%`],
      )
    ).map((r: { id: string }) => r.id);

  it.each([
    ['拖欠工资', 50],
    ['拖欠工资', 200],
    ['宅基地', 3],
    ['宅基地', 50],
    ['独一无二', 50],
    ['没有这个词', 50],
    ['张7 李', 20],
  ])('returns, page by page, exactly the ordered matches for %s (limit %i)', async (q, limit) => {
    const expected = await reference(q, tree.root.id);
    expect(await allPages(director, q, limit)).toEqual(expected);
  });

  it('keeps to the caller scope', async () => {
    const expected = await reference('拖欠工资', tree.qingbo.id);
    expect(expected.length).toBeGreaterThan(100);
    expect(await allPages(streetClerk, '拖欠工资', 50)).toEqual(expected);
  });

  it('finds the oldest case on the first page when it alone matches', async () => {
    const body = (await t.http().get('/v1/cases').query({ q: '独一无二' }).set(bearer(director)).expect(200)).body;
    expect(body.items.map((c: { number: string }) => c.number)).toEqual(['SCALE-6000']);
    expect(body.nextCursor).toBeNull();
  });
});
