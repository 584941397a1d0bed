import { TextSearchAnswer, TextSearchEdge } from '../helpers/text-search';
import { dataOf } from '../helpers/graphql';
import * as match from '../helpers/match';
import { gid, seededSubgraph } from '../helpers/subgraph';

type Edge = TextSearchEdge<{ __typename: string; id: string }>;
type Search = TextSearchAnswer<Edge['node']>;

const SEARCH = `query($q: String!, $types: [SearchType!], $first: Int, $after: String) {
  searchText(query: $q, types: $types, first: $first, after: $after) {
    totalCount edges { score field snippet cursor node { __typename id } } pageInfo { hasNextPage endCursor }
  }
}`;

const literature = seededSubgraph('literature');
const search = async (q: string, vars: Record<string, unknown> = {}) =>
  dataOf(await literature.run<Search>(SEARCH, { q, ...vars })).searchText;

describe('searchText on the literature subgraph, executed directly', () => {
  it('finds the reliability risk and the sentences citing hallucination, stems included', async () => {
    const res = await search('hallucination');
    const ids = res.edges.map((e) => e.node.id);
    // data/risks.json: reliability's summary says LLMs "hallucinate"; data/citations.json cites [4], [159], [160] for it
    expect(ids).toEqual(
      expect.arrayContaining([gid('Risk', 'reliability'), gid('Citation', 4), gid('Citation', 160)]),
    );
    expect(res.totalCount).toBe(res.edges.length);
    const reliability = res.edges.find((e) => e.node.id === gid('Risk', 'reliability'));
    expect(reliability).toMatchObject({
      field: 'summary',
      snippet: match.stringContaining('[[hallucinate]] factually incorrect'),
    });
    const cited = res.edges.find((e) => e.node.id === gid('Citation', 160));
    expect(cited).toMatchObject({
      field: 'mention',
      snippet: match.stringContaining('[[hallucinate]] [4], [160]'),
    });
  });

  it('finds chest X-ray datasets by their modalities, MIMIC-CXR first', async () => {
    const res = await search('chest x-ray', { types: ['DATASET'] });
    // data/datasets.json: MIMIC-CXR's modalities are "chest X-ray images, text"; MedMNIST v2 lists chest X-ray too
    expect(res.edges.map((e) => e.node.id)).toEqual([
      gid('Dataset', 'mimic-cxr'),
      gid('Dataset', 'medmnist-v2'),
    ]);
    // SQLite ranks the modalities first, PostgreSQL the table row's quote; both mark the words
    expect(['description', 'quote']).toContain(res.edges[0].field);
    expect(res.edges[0].snippet).toMatch(/\[\[chest\]\] \[\[X(-ray\]\]|\]\]-\[\[ray\]\]) images/);
    expect(res.totalCount).toBe(2);
  });

  it('ranks an exact name above everything, one edge per entity', async () => {
    const res = await search('ESMfold');
    // data/models.json: the model ESMfold; data/citations.json: [84] is labelled ESMfold
    expect(res.edges.slice(0, 2).map((e) => [e.node.id, e.field, e.snippet])).toEqual([
      [gid('Model', 'esmfold'), 'name', '[[ESMfold]]'],
      [gid('Citation', 84), 'name', '[[ESMfold]]'],
    ]);
    expect(res.edges[0].score).toBeGreaterThan(1);
    expect(res.edges.slice(2).every((e) => e.score < 1)).toBe(true);
    expect(new Set(res.edges.map((e) => e.node.id)).size).toBe(res.edges.length);
    const scores = res.edges.map((e) => e.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('filters by type, mitigations included; an empty list of types matches nothing', async () => {
    const mitigations = await search('adversarial', { types: ['MITIGATION'] });
    expect(mitigations.edges[0]).toMatchObject({
      node: { __typename: 'Mitigation', id: gid('Mitigation', 'adversarial-training') },
      field: 'name',
      snippet: '[[Adversarial]] training',
    });
    expect(mitigations.edges.every((e) => e.node.__typename === 'Mitigation')).toBe(true);
    const none = await search('adversarial', { types: [] });
    expect(none).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('pages with after: each entity once, in the same order as one page', async () => {
    const whole = await search('protein', { first: 100 });
    expect(whole.totalCount).toBeGreaterThan(10);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Search['searchText'] = await search('protein', { first: 4, after });
      expect(page.totalCount).toBe(whole.totalCount);
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(whole.edges.map((e) => e.node.id));
    const other = await literature.run(SEARCH, { q: 'dna', after: whole.edges[0].cursor });
    expect(other.errors?.[0].message).toMatch(/"after" is a cursor of another list or ordering/);
  });

  it('refuses an empty or too long query and a page over 100', async () => {
    for (const [q, message] of [
      ['  ', /"query" must not be empty/],
      ['x'.repeat(201), /"query" must be at most 200 characters, got 201/],
    ] as const) {
      const res = await literature.run(SEARCH, { q });
      expect(res.errors?.[0]).toMatchObject({
        message: match.stringMatching(message),
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    const over = await literature.run(SEARCH, { q: 'protein', first: 101 });
    expect(over.errors?.[0].message).toMatch(/"first" must be at most 100, got 101/);
  });

  it('takes FTS syntax from clients as plain words, never as an error', async () => {
    for (const q of [
      '"',
      '*',
      'NEAR(',
      'AND',
      '-',
      'protein"',
      'NEAR(protein structure)',
      'protein -structure',
      'prot*',
      'text:protein',
      '^protein',
      '(( OR',
    ]) {
      const res = await literature.run<Search>(SEARCH, { q });
      expect(res.errors).toBeUndefined();
    }
    // quoted, AND is the word "and"
    expect((await search('"protein" AND')).edges.length).toBeGreaterThan(0);
    expect(await search('" * -')).toMatchObject({ totalCount: 0, edges: [] });
  });
});
