import { EXECUTIONS, QueryFn, queryInProcess } from '../helpers/app';

type Typed = { __typename: string; id: string };
type Connection = { nodes: Typed[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };

// data/: how many of each type the paper's graph holds (mitigations: those of the ten risks)
const COUNTS = {
  Sector: 7,
  Task: 13,
  Model: 182, // the paper's 80 and the companion list's 102
  Dataset: 44, // the paper's 42 and the companion list's 2
  Metric: 9,
  Result: 32,
  Comparison: 15,
  Risk: 10,
  Mitigation: 18,
  Citation: 191,
};

const CONNECTIONS = ['tasks', 'models', 'datasets', 'results', 'citations'] as const;

/** Every item of a root connection, page by page through `after`. */
async function walk(q: QueryFn, field: (typeof CONNECTIONS)[number]): Promise<Typed[]> {
  const all: Typed[] = [];
  let after: string | null = null;
  for (;;) {
    const data: Record<string, Connection> = await q.data(
      `query($after: String) { ${field}(first: 30, after: $after) { nodes { __typename id } pageInfo { hasNextPage endCursor } } }`,
      { after },
    );
    all.push(...data[field].nodes);
    if (!data[field].pageInfo.hasNextPage) return all;
    after = data[field].pageInfo.endCursor;
  }
}

/** Every id the API hands out: the plain lists, the connections paged to their end, the risks' mitigations. */
async function everyId(q: QueryFn): Promise<Typed[]> {
  const lists = await q.data<{
    sectors: Typed[];
    metrics: Typed[];
    comparisons: Typed[];
    risks: (Typed & { mitigations: Typed[] })[];
  }>(
    `{ sectors { __typename id } metrics { __typename id } comparisons { __typename id }
       risks { __typename id mitigations { __typename id } } }`,
  );
  const paged = await Promise.all(CONNECTIONS.map((c) => walk(q, c)));
  return [
    ...lists.sectors,
    ...lists.metrics,
    ...lists.comparisons,
    ...lists.risks.map(({ __typename, id }) => ({ __typename, id })),
    ...lists.risks.flatMap((r) => r.mitigations),
    ...paged.flat(),
  ];
}

describe.each(EXECUTIONS)('%s execution', (execution) => {
  const q = queryInProcess(execution);

  it('node(id) and nodes(ids) resolve every id of every type the API hands out', async () => {
    const all = await everyId(q);
    const byType: Record<string, number> = {};
    for (const n of all) byType[n.__typename] = (byType[n.__typename] ?? 0) + 1;
    expect(byType).toEqual(COUNTS);
    expect(new Set(all.map((n) => n.id)).size).toBe(all.length);

    for (const n of all) {
      const { node } = await q.data<{ node: Typed | null }>(
        `query($id: ID!) { node(id: $id) { __typename id } }`,
        { id: n.id },
      );
      expect(node).toEqual(n);
    }
    for (let i = 0; i < all.length; i += 100) {
      const batch = all.slice(i, i + 100);
      const { nodes } = await q.data<{ nodes: (Typed | null)[] }>(
        `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`,
        { ids: batch.map((n) => n.id) },
      );
      expect(nodes).toEqual(batch);
    }
  });

  it("fetches a comparison's and a mitigation's fields from their owners through node", async () => {
    const { comparisons, risk } = await q.data<{
      comparisons: { id: string; slug: string }[];
      risk: { mitigations: { id: string; name: string }[] };
    }>(`{ comparisons { id slug } risk(slug: "reliability") { mitigations { id name } } }`);
    const esm = comparisons.find((c) => c.slug === 'esmfold-vs-alphafold2-casp14-tm-score');
    const verification = risk.mitigations.find((m) => m.name === 'Comprehensive verification framework');
    const { nodes } = await q.data<{ nodes: unknown[] }>(
      `query($ids: [ID!]!) { nodes(ids: $ids) {
        __typename
        ... on Comparison { slug improvement baseline { model { name } display } challenger { model { name } display } }
        ... on Mitigation { name citations { number } }
      } }`,
      { ids: [esm?.id, verification?.id] },
    );
    // data/comparisons.json and results.json: ESMfold's TM-score of 0.68 against AlphaFold2's 0.38 on CASP14
    expect(nodes[0]).toMatchObject({
      __typename: 'Comparison',
      baseline: { model: { name: 'AlphaFold2' }, display: '0.38' },
      challenger: { model: { name: 'ESMfold' }, display: '0.68' },
      improvement: 0.3,
    });
    // data/risks.json: Section V-B's verification framework, citing [191]
    expect(nodes[1]).toEqual({
      __typename: 'Mitigation',
      name: 'Comprehensive verification framework',
      citations: [{ number: 191 }],
    });
  });
});
