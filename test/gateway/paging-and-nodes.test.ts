import { EXECUTIONS, queryInProcess } from '../helpers/app';
import { bySlug, Page } from '../helpers/graphql';

type PageInfo = { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
type Numbered = { number: number };
type Slugged = { slug: string };
type Typed = { __typename: string; id: string };

describe.each(EXECUTIONS)('%s execution', (execution) => {
  const q = queryInProcess(execution);

  describe('Relay connections', () => {
    it('default to 50 items and report an exact totalCount', async () => {
      type Connection = {
        totalCount: number;
        edges: { cursor: string; node: Numbered }[];
        pageInfo: PageInfo;
      };
      const { citations: c } = await q.data<{ citations: Connection }>(
        `{ citations { totalCount edges { cursor node { number } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
      );
      expect(c.totalCount).toBe(191);
      expect(c.edges).toHaveLength(50);
      expect(c.edges[0].node.number).toBe(1);
      expect(c.pageInfo).toEqual({
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
        const { citations: page }: { citations: Page<Numbered> & { pageInfo: PageInfo } } = await q.data(
          `query($after: String) { citations(first: 40, after: $after) { nodes { number } pageInfo { hasNextPage hasPreviousPage endCursor } } }`,
          { after },
        );
        seen.push(...page.nodes.map((n) => n.number));
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        pages++;
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(pages).toBe(5);
      expect(seen).toEqual(Array.from({ length: 191 }, (_, i) => i + 1));
      const again = await q.data<{ citations: { pageInfo: PageInfo } }>(
        `{ citations(first: 40) { pageInfo { endCursor } } }`,
      );
      const next = await q.data<{ citations: Page<Numbered> }>(
        `query($a: String) { citations(first: 1, after: $a) { nodes { number } } }`,
        { a: again.citations.pageInfo.endCursor },
      );
      expect(next.citations.nodes).toEqual([{ number: 41 }]);
    });

    it('page nested connections per parent', async () => {
      type Tasks = Page<Slugged> & { pageInfo: PageInfo };
      const { sectors } = await q.data<{ sectors: (Slugged & { tasks: Tasks })[] }>(
        `{ sectors { slug tasks(first: 1) { totalCount nodes { slug } pageInfo { hasNextPage endCursor } } } }`,
      );
      const bio = bySlug(sectors, 'bioinformatics');
      // data/tasks.json: four bioinformatics tasks, in Table I's order
      expect(bio.tasks.totalCount).toBe(4);
      expect(bio.tasks.nodes).toEqual([{ slug: 'msa-free-protein-sequence-prediction' }]);
      const next = await q.data<{ sector: { tasks: Page<Slugged> } }>(
        `query($a: String) { sector(slug: "bioinformatics") { tasks(first: 1, after: $a) { nodes { slug } } } }`,
        { a: bio.tasks.pageInfo.endCursor },
      );
      expect(next.sector.tasks.nodes).toEqual([{ slug: 'rna-structure-prediction' }]);
      const ds = await q.data<{ dataset: { evaluations: Page<{ model: Slugged; display: string }> } }>(
        `{ dataset(slug: "casp14") { evaluations { totalCount nodes { model { slug } display } } } }`,
      );
      expect(ds.dataset.evaluations.nodes.map((r) => [r.model.slug, r.display])).toEqual([
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
      const zero = await q.data<{ tasks: unknown }>(
        `{ tasks(first: 0) { totalCount nodes { slug } pageInfo { hasNextPage } } }`,
      );
      expect(zero.tasks).toMatchObject({ nodes: [], pageInfo: { hasNextPage: true } });
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
      const data = await q.data<Record<string, Typed[] | Page<Typed>>>(TYPES_QUERY);
      const all = Object.values(data).flatMap((v) => (Array.isArray(v) ? v : v.nodes));
      expect(new Set(all.map((n) => n.__typename))).toEqual(
        new Set(['Sector', 'Metric', 'Risk', 'Task', 'Model', 'Dataset', 'Result', 'Citation']),
      );
      const back = await q.data<{ nodes: Typed[] }>(
        `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`,
        {
          ids: all.map((n) => n.id),
        },
      );
      expect(back.nodes).toEqual(all);
      for (const n of all.slice(0, 8)) {
        const one = await q.data<{ node: Typed }>(`query($id: ID!) { node(id: $id) { __typename id } }`, {
          id: n.id,
        });
        expect(one.node).toEqual(n);
      }
    });

    it("fetch the owner's fields through fragments", async () => {
      const { model } = await q.data<{ model: { id: string } }>(`{ model(slug: "esmfold") { id } }`);
      const res = await q.data<{ node: unknown }>(
        `query($id: ID!) { node(id: $id) { ... on Model { name parameters { display } citations { number } risks { name } } } }`,
        { id: model.id },
      );
      expect(res.node).toMatchObject({ name: 'ESMfold', parameters: { display: '15B' } });
    });

    it('give null for unknown, malformed and wrongly typed ids, keeping order', async () => {
      const real = (await q.data<{ risk: { id: string } }>(`{ risk(slug: "privacy") { id } }`)).risk.id;
      const ghost = Buffer.from('Model:no-such-model').toString('base64');
      const wrongType = Buffer.from('Dataset:privacy').toString('base64');
      const res = await q.data<{ nodes: unknown[] }>(
        `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`,
        {
          ids: ['garbage', ghost, real, wrongType, ''],
        },
      );
      expect(res.nodes).toEqual([null, null, { __typename: 'Risk', id: real }, null, null]);
      const single = await q.data<{ node: unknown }>(`query($id: ID!) { node(id: $id) { id } }`, {
        id: ghost,
      });
      expect(single.node).toBeNull();
    });

    it('refuse more than 500 ids at once', async () => {
      const res = await q(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
        ids: Array.from({ length: 501 }, (_, i) => String(i)),
      });
      expect(res.errors?.[0].message).toMatch(/at most 500 ids/);
    });
  });
});
