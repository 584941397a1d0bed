import { EXECUTIONS, queryInProcess } from '../helpers/app';

type Slugs = { models: { totalCount: number; nodes: { slug: string }[] } };

describe.each(EXECUTIONS)('text arguments of filters and search (%s execution)', (execution) => {
  const q = queryInProcess(execution);
  const models = (search: string) =>
    q<Slugs>(`query($s: String) { models(filter: { search: $s }) { totalCount nodes { slug } } }`, {
      s: search,
    });

  it('match each alias on its own: "]" and "\\"," match nothing, an alias finds its model', async () => {
    for (const punctuation of [']', '",', '["']) {
      const res = await models(punctuation);
      expect(res.errors).toBeUndefined();
      expect(res.data!.models.totalCount).toBe(0);
    }
    // SAM's alias in the paper: "Segment Anything Model"
    expect((await models('segment anything')).data!.models.nodes).toEqual([{ slug: 'sam' }]);
    // Mask RCNN is also written "Mask R-CNN"
    expect((await models('r-cnn')).data!.models.nodes.map((n) => n.slug)).toContain('mask-rcnn');
  });

  it.each([
    [
      'a 50,000-character filter',
      `query($s: String) { models(filter: { search: $s }) { totalCount } }`,
      { s: 'x'.repeat(50_000) },
      'filter.search',
    ],
    [
      'a 50,000-character modality',
      `query($s: String) { datasets(filter: { modality: $s }) { totalCount } }`,
      { s: 'x'.repeat(50_000) },
      'filter.modality',
    ],
    ['a NUL in search', `query($s: String!) { search(query: $s) { __typename } }`, { s: '\u0000' }, 'query'],
    [
      'a NUL after a prefix',
      `query($s: String!) { search(query: $s) { __typename } }`,
      { s: 'fold\u0000' },
      'query',
    ],
    [
      'a NUL in a filter',
      `query($s: String) { models(filter: { search: $s }) { totalCount } }`,
      { s: 'gpt\u0000' },
      'filter.search',
    ],
  ])('refuse %s with BAD_USER_INPUT naming the argument', async (_what, query, variables, argument) => {
    const res = await q(query, variables);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
  });
});
