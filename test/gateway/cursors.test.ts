import { EXECUTIONS, queryInProcess } from '../helpers/app';

type Page = { nodes: { slug: string }[]; pageInfo: { endCursor: string } };

describe.each(EXECUTIONS)('cursors name their list (%s execution)', (execution) => {
  const q = queryInProcess(execution);
  let modelsCursor: string;
  let byName: string;
  beforeAll(async () => {
    const res = await q<{ a: Page; b: Page }>(
      `{ a: models(first: 2) { nodes { slug } pageInfo { endCursor } }
         b: models(first: 2, orderBy: { field: NAME, direction: ASC }) { nodes { slug } pageInfo { endCursor } } }`,
    );
    expect(res.errors).toBeUndefined();
    modelsCursor = res.data!.a.pageInfo.endCursor;
    byName = res.data!.b.pageInfo.endCursor;
  });

  it('pages on with a cursor of the same list and order', async () => {
    const res = await q<{ models: Page }>(
      `query($c: String) { models(first: 1, after: $c) { nodes { slug } } }`,
      {
        c: modelsCursor,
      },
    );
    expect(res.errors).toBeUndefined();
    // the third model in the graph's order (data/models.json: chatgpt, sam, transformer, ...)
    expect(res.data!.models.nodes).toEqual([{ slug: 'transformer' }]);
  });

  it.each([
    ['results', `query($c: String) { results(after: $c) { nodes { slug } } }`],
    ['datasets', `query($c: String) { datasets(after: $c) { nodes { slug } } }`],
    ['citations', `query($c: String) { citations(after: $c) { nodes { number } } }`],
    ["a metric's results", `query($c: String) { metrics { results(after: $c) { nodes { slug } } } }`],
    ["a sector's models", `query($c: String) { sectors { models(after: $c) { nodes { slug } } } }`],
    [
      'models in another order',
      `query($c: String) { models(after: $c, orderBy: { field: NAME, direction: DESC }) { nodes { slug } } }`,
    ],
  ])('refuses a models cursor given to %s', async (_list, query) => {
    const res = await q(query, { c: modelsCursor });
    expect(res.errors?.[0]).toMatchObject({
      message: '"after" is a cursor of another list or ordering',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses a cursor of one ordering given to the same ordering reversed', async () => {
    const res = await q(
      `query($c: String) { models(after: $c, orderBy: { field: NAME, direction: DESC }) { nodes { slug } } }`,
      {
        c: byName,
      },
    );
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
