import { dataOf } from '../helpers/graphql';
import { seededSubgraph } from '../helpers/subgraph';

type Numbered = { number: number };
type PageInfo = { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
type Connection = { totalCount: number; nodes: Numbered[]; pageInfo: PageInfo };

const LIST = `query($where: CitationWhere, $orderBy: CitationOrder, $first: Int, $after: String, $last: Int, $before: String) {
  citations(where: $where, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
    totalCount nodes { number } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;

describe('citations(where:, orderBy:, last:, before:) on the literature subgraph, executed directly', () => {
  const literature = seededSubgraph('literature');
  const list = async (variables: Record<string, unknown>) => {
    const res = await literature.run<{ citations: Connection }>(LIST, variables);
    return { ...dataOf(res).citations, sql: res.sql };
  };
  const numbers = (c: { nodes: Numbered[] }) => c.nodes.map((n) => n.number);

  it('a mention in Section III-D: the 28 references the section cites', async () => {
    const page = await list({ where: { section: { eq: 'Section III-D' } }, first: 100 });
    expect(page.totalCount).toBe(28);
    expect(numbers(page)).toEqual([1, 9, 12, 13, 19, 22, ...Array.from({ length: 22 }, (_, i) => 110 + i)]);
    // the page in one statement; totalCount in one more
    expect(page.sql).toBe(2);
  });

  it('quantifiers over what a reference supports, and number predicates', async () => {
    const esm = await list({ where: { supportsModels: { some: { slug: { eq: 'esmfold' } } } } });
    expect(numbers(esm)).toEqual([84]);
    const risky = await list({
      where: { supportsRisks: { some: {} }, number: { lt: 160 } },
      orderBy: { field: 'NUMBER', direction: 'DESC' },
    });
    // data/risks.json: Computation [10, 157], Reliability [4, 158, 159], Sustainability [10]
    expect(numbers(risky)).toEqual([159, 158, 157, 10, 4]);
    const notIII = await list({
      where: { AND: [{ number: { lte: 8 } }, { NOT: { section: { startsWith: 'section iii' } } }] },
    });
    // [1] to [4] are cited in Section III too; [5] to [7] only in Section I, [8] in Section II-A
    expect(numbers(notIII)).toEqual([5, 6, 7, 8]);
  });

  it('orders by mention count and support count, ties in paper order', async () => {
    const mentioned = await list({ orderBy: { field: 'MENTION_COUNT', direction: 'DESC' }, first: 5 });
    // [4] is cited six times; [10] and [54] five times, [3] and [19] four (data/citations.json)
    expect(numbers(mentioned)).toEqual([4, 10, 54, 3, 19]);
    const supporting = await list({ orderBy: { field: 'SUPPORT_COUNT', direction: 'DESC' }, first: 3 });
    // [10] supports LLaMA, Computation and Sustainability; [87] three of Table I's entries
    expect(numbers(supporting)).toEqual([10, 87, 4]);
    const least = await list({ orderBy: { field: 'SUPPORT_COUNT', direction: 'ASC' }, first: 2 });
    // [5] and [6], cited in the introduction only, support nothing
    expect(numbers(least)).toEqual([5, 6]);
  });

  it('pages forward and backward through an ordering with keyset cursors', async () => {
    const orderBy = { field: 'MENTION_COUNT', direction: 'DESC' };
    const all = numbers(await list({ orderBy, first: 500 }));
    expect(all).toHaveLength(191);
    const forward: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Connection = await list({ orderBy, first: 60, after });
      forward.push(...numbers(page));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(forward).toEqual(all);
    const backward: number[] = [];
    let before: string | null = null;
    for (;;) {
      const page: Connection = await list({ orderBy, last: 70, before });
      backward.unshift(...numbers(page));
      expect(page.pageInfo.hasNextPage).toBe(before !== null);
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(backward).toEqual(all);
    const tail = await list({ orderBy: { field: 'NUMBER', direction: 'ASC' }, last: 3 });
    expect(numbers(tail)).toEqual([189, 190, 191]);
    expect(tail.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
  });

  it('refuses a cursor of another ordering, and paging both ways at once', async () => {
    const byNumber = await list({ orderBy: { field: 'NUMBER', direction: 'ASC' }, first: 1 });
    const res = await literature.run(LIST, {
      orderBy: { field: 'MENTION_COUNT', direction: 'ASC' },
      after: byNumber.pageInfo.endCursor,
    });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    const both = await literature.run(LIST, { first: 1, last: 1 });
    expect(both.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
