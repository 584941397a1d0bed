import { dataOf } from '../helpers/graphql';
import { seededSubgraph } from '../helpers/subgraph';

type Slugged = { slug: string };
const slugs = (list: Slugged[]) => list.map((r) => r.slug);

describe('risks(where:) on the risks subgraph, executed directly', () => {
  const risks = seededSubgraph('risks');
  const where = async (w: object) => {
    const res = await risks.run<{ risks: Slugged[] }>('query($w: RiskWhere) { risks(where: $w) { slug } }', {
      w,
    });
    return { slugs: slugs(dataOf(res).risks), sql: res.sql };
  };

  it('risks whose examples include a closed model: Data and Privacy (ChatGPT), Transparency (ChatGPT, Med-PaLM 2)', async () => {
    const closed = await where({ models: { some: { access: { eq: 'CLOSED' } } } });
    expect(closed).toEqual({ slugs: ['data', 'privacy', 'transparency'], sql: 1 });
  });

  it('quantifiers over every relation, AND/OR/NOT, in one statement', async () => {
    expect(await where({ mitigations: { none: {} } })).toEqual({
      slugs: ['data', 'computation', 'transparency'],
      sql: 1,
    });
    // reference [10] supports Computation and Sustainability (data/risks.json)
    expect((await where({ citations: { some: { number: { eq: 10 } } } })).slugs).toEqual([
      'computation',
      'sustainability',
    ]);
    expect((await where({ NOT: { models: { some: {} } } })).slugs).toEqual([
      'reliability',
      'fairness',
      'toxicity',
      'regulation',
    ]);
    expect(
      (await where({ OR: [{ slug: { eq: 'regulation' } }, { models: { count: { gte: 2 } } }] })).slugs,
    ).toEqual(['privacy', 'transparency', 'regulation']);
    expect((await where({ mitigations: { some: { name: { contains: 'FINE-TUNING' } } } })).slugs).toEqual([
      'privacy',
    ]);
    // every example model is a DALL-E: Interpretability; risks without examples hold vacuously
    expect((await where({ models: { all: { name: { startsWith: 'dall' } }, some: {} } })).slugs).toEqual([
      'interpretability',
    ]);
  });

  it('an empty where selects every risk, in paper order', async () => {
    expect((await where({})).slugs).toHaveLength(10);
  });
});
