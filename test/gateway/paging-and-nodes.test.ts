import { EXECUTIONS, queryInProcess } from '../helpers/app';

describe.each(EXECUTIONS)('%s execution', (execution) => {
  const q = queryInProcess(execution);

  describe('Relay connections', () => {
    it('default to 50 items and report an exact totalCount', async () => {
      const res = await q(
        `{ citations { totalCount edges { cursor node { number } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
      );
      const c = res.data.citations;
      expect(c.totalCount).toBe(191);
      expect(c.edges).toHaveLength(50);
      expect(c.edges[0].node.number).toBe(1);
      expect(c.pageInfo).toMatchObject({
        hasNextPage: true,
        hasPreviousPage: false,
        startCursor: c.edges[0].cursor,
        endCursor: c.edges[49].cursor,
      });
    });

    it('walk a whole list with after, each item once, with stable cursors', async () => {
      const seen: number[] = [];
      let after: string | null = null;
      let pages = 0;
      for (;;) {
        const res: any = await q(
          `query($after: String) { citations(first: 40, after: $after) { nodes { number } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
          { after },
        );
        const page: any = res.data.citations;
        seen.push(...page.nodes.map((n: any) => n.number));
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        pages++;
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(pages).toBe(5);
      expect(seen).toEqual(Array.from({ length: 191 }, (_, i) => i + 1));
      const again = await q(`{ citations(first: 40) { pageInfo { endCursor } } }`);
      const next = await q(`query($a: String) { citations(first: 1, after: $a) { nodes { number } } }`, {
        a: again.data.citations.pageInfo.endCursor,
      });
      expect(next.data.citations.nodes).toEqual([{ number: 41 }]);
    });

    it('page nested connections per parent', async () => {
      const res = await q(
        `{ sectors { slug tasks(first: 1) { totalCount nodes { slug } pageInfo { hasNextPage endCursor } } } }`,
      );
      const bio = res.data.sectors.find((s: any) => s.slug === 'bioinformatics');
      expect(bio.tasks.totalCount).toBeGreaterThanOrEqual(3);
      expect(bio.tasks.nodes).toEqual([{ slug: 'msa-free-protein-sequence-prediction' }]);
      const next = await q(
        `query($a: String) { sector(slug: "bioinformatics") { tasks(first: 1, after: $a) { nodes { slug } } } }`,
        { a: bio.tasks.pageInfo.endCursor },
      );
      expect(next.data.sector.tasks.nodes).toEqual([{ slug: 'rna-structure-prediction' }]);
      const ds = await q(
        `{ dataset(slug: "casp14") { evaluations { totalCount nodes { model { slug } display } } } }`,
      );
      expect(ds.data.dataset.evaluations.nodes.map((r: any) => [r.model.slug, r.display])).toEqual([
        ['alphafold2', '0.38'],
        ['esmfold', '0.68'],
      ]);
    });

    it('reject a page size over 500 or below 0, and a malformed cursor, with a clear error', async () => {
      const over = await q(`{ models(first: 501) { totalCount } }`);
      expect(over.errors?.[0].message).toMatch(/"first" must be at most 500, got 501/);
      expect(over.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      const nested = await q(`{ sectors { models(first: 1000) { totalCount } } }`);
      expect(nested.errors?.[0].message).toMatch(/at most 500/);
      const negative = await q(`{ tasks(first: -1) { totalCount } }`);
      expect(negative.errors?.[0].message).toMatch(/"first" must be a non-negative integer, got -1/);
      const cursor = await q(`{ tasks(after: "not-a-cursor") { totalCount } }`);
      expect(cursor.errors?.[0].message).toMatch(/"after" is not a valid cursor/);
      const zero = await q(`{ tasks(first: 0) { totalCount nodes { slug } pageInfo { hasNextPage } } }`);
      expect(zero.data.tasks).toMatchObject({ nodes: [], pageInfo: { hasNextPage: true } });
    });
  });

  const TYPES_QUERY = `{
    sectors { __typename id } metrics { __typename id } risks { __typename id }
    tasks(first: 3) { nodes { __typename id } } models(first: 3) { nodes { __typename id } }
    datasets(first: 3) { nodes { __typename id } } results(first: 3) { nodes { __typename id } }
    citations(first: 3) { nodes { __typename id } }
  }`;

  describe('node and nodes', () => {
    it('round-trip an id of every type, whichever subgraph owns it', async () => {
      const res = await q(TYPES_QUERY);
      const all = Object.values(res.data).flatMap((v: any) => (Array.isArray(v) ? v : v.nodes)) as {
        __typename: string;
        id: string;
      }[];
      expect(new Set(all.map((n) => n.__typename))).toEqual(
        new Set(['Sector', 'Metric', 'Risk', 'Task', 'Model', 'Dataset', 'Result', 'Citation']),
      );
      const back = await q(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, {
        ids: all.map((n) => n.id),
      });
      expect(back.errors).toBeUndefined();
      expect(back.data.nodes).toEqual(all);
      for (const n of all.slice(0, 8)) {
        const one = await q(`query($id: ID!) { node(id: $id) { __typename id } }`, { id: n.id });
        expect(one.data.node).toEqual(n);
      }
    });

    it("fetch the owner's fields through fragments", async () => {
      const model = await q(`{ model(slug: "esmfold") { id } }`);
      const res = await q(
        `query($id: ID!) { node(id: $id) { ... on Model { name parameters { display } citations { number } risks { name } } } }`,
        { id: model.data.model.id },
      );
      expect(res.data.node).toMatchObject({ name: 'ESMfold', parameters: { display: '15B' } });
    });

    it('give null for unknown, malformed and wrongly typed ids, keeping order', async () => {
      const real = (await q(`{ risk(slug: "privacy") { id } }`)).data.risk.id;
      const ghost = Buffer.from('Model:no-such-model').toString('base64');
      const wrongType = Buffer.from('Dataset:privacy').toString('base64');
      const res = await q(`query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, {
        ids: ['garbage', ghost, real, wrongType, ''],
      });
      expect(res.errors).toBeUndefined();
      expect(res.data.nodes).toEqual([null, null, { __typename: 'Risk', id: real }, null, null]);
      const single = await q(`query($id: ID!) { node(id: $id) { id } }`, { id: ghost });
      expect(single.data.node).toBeNull();
    });

    it('refuse more than 500 ids at once', async () => {
      const res = await q(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
        ids: Array.from({ length: 501 }, (_, i) => String(i)),
      });
      expect(res.errors?.[0].message).toMatch(/at most 500 ids/);
    });
  });
});
