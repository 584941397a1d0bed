import { TextSearchAnswer, TextSearchEdge } from '../helpers/text-search';
import { EXECUTIONS, queryInProcess } from '../helpers/app';
import * as match from '../helpers/match';

type Edge = TextSearchEdge<{ __typename: string; name?: string; slug?: string }>;
type Search = TextSearchAnswer<Edge['node']>;

const SEARCH = `query($q: String!, $types: [SearchType!], $first: Int, $after: String) {
  searchText(query: $q, types: $types, first: $first, after: $after) {
    totalCount
    edges { score field snippet node { __typename
      ... on Dataset { name } ... on Risk { name } ... on Model { name } ... on Citation { number }
      ... on Mitigation { name slug } ... on Comparison { slug improvement } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe.each(EXECUTIONS)('%s execution', (execution) => {
  const q = queryInProcess(execution);
  const search = async (query: string, vars: Record<string, unknown> = {}) =>
    (await q.data<Search>(SEARCH, { q: query, ...vars })).searchText;

  it("finds chest X-ray datasets with their owners' fields", async () => {
    const res = await search('chest x-ray', { types: ['DATASET'] });
    // data/datasets.json: MIMIC-CXR and MedMNIST v2 list chest X-ray among their modalities
    expect(res.edges.map((e) => e.node)).toEqual([
      { __typename: 'Dataset', name: 'MIMIC-CXR' },
      { __typename: 'Dataset', name: 'MedMNIST V2' },
    ]);
    expect(res.totalCount).toBe(2);
  });

  it('finds hallucination in the risks and the citing sentences', async () => {
    const res = await search('hallucination');
    expect(res.edges).toContainEqual({
      score: match.anyOf(Number),
      field: 'summary',
      snippet: match.stringContaining('[[hallucinate]] factually incorrect'),
      node: { __typename: 'Risk', name: 'Reliability' },
    });
    // data/citations.json: [4], [159] and [160] are cited in the sentence on hallucination
    const cited = res.edges.filter((e) => e.node.__typename === 'Citation').map((e) => e.node);
    expect(cited).toEqual(match.arrayContaining([{ __typename: 'Citation', number: 160 }]));
  });

  it('resolves mitigations and comparisons through their owners, and pages with after', async () => {
    const first = await search('training', { types: ['MITIGATION'], first: 1 });
    const rest = await search('training', {
      types: ['MITIGATION'],
      first: 10,
      after: first.pageInfo.endCursor,
    });
    const all = [...first.edges, ...rest.edges].map((e) => e.node.slug);
    // data/risks.json: "Adversarial training" and "Training data with diverse distributions" (reliability)
    expect(all).toEqual(expect.arrayContaining(['adversarial-training', 'diverse-training-distributions']));
    expect(new Set(all).size).toBe(all.length);
    expect(first.totalCount).toBe(all.length);
    const comparisons = await search('esmfold', { types: ['COMPARISON'] });
    expect(comparisons.edges[0]?.node).toEqual({
      __typename: 'Comparison',
      slug: 'esmfold-vs-alphafold2-casp14-tm-score',
      improvement: 0.3,
    });
  });

  it('refuses bad input with BAD_USER_INPUT', async () => {
    const empty = await q(SEARCH, { q: '' });
    expect(empty.errors?.[0]).toMatchObject({
      message: match.stringMatching(/"query" must not be empty/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const long = await q(SEARCH, { q: 'a'.repeat(201) });
    expect(long.errors?.[0].message).toMatch(/at most 200 characters/);
    const syntax = await q(SEARCH, { q: 'NEAR( "x-ray* AND -' });
    expect(syntax.errors).toBeUndefined();
  });
});
