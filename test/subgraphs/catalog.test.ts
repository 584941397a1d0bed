import { dataOf, JsonObject, Page } from '../helpers/graphql';
import * as match from '../helpers/match';
import { gid, seededSubgraph } from '../helpers/subgraph';

const catalog = seededSubgraph('catalog');
const { entities } = catalog;

describe('the catalog subgraph, executed directly', () => {
  it('publishes its SDL with keys on every entity it owns', async () => {
    const { _service } = dataOf(await catalog.run<{ _service: { sdl: string } }>('{ _service { sdl } }'));
    for (const type of ['Sector', 'Task', 'Model', 'Dataset', 'Metric', 'Result', 'Comparison', 'Audits']) {
      expect(_service.sdl).toMatch(new RegExp(`type ${type}\\s+@key\\(fields: "id"\\)`));
    }
  });

  it('resolves _entities for every type it owns, in the order asked, null for unknown keys', async () => {
    const res = await entities<{ _entities: (JsonObject | null)[] }>(
      `... on Sector { slug section } ... on Task { slug } ... on Model { slug parameters { display } } ... on Dataset { slug scale }
       ... on Metric { slug higherIsBetter } ... on Result { display } ... on Audits { closedModels { slug } }`,
      [
        { __typename: 'Model', id: gid('Model', 'heartbeit') },
        { __typename: 'Sector', id: gid('Sector', 'public-health') },
        { __typename: 'Task', id: gid('Task', 'global-weather-forecast') },
        { __typename: 'Dataset', id: gid('Dataset', 'big-fantastic-database') },
        { __typename: 'Metric', id: gid('Metric', 'rmse') },
        { __typename: 'Result', id: gid('Result', 'sam-isic-2018-dice') },
        { __typename: 'Audits', id: 'audits' },
        { __typename: 'Model', id: gid('Model', 'no-such-model') },
      ],
    );
    const [model, sector, task, dataset, metric, result, audits, missing] = dataOf(res)._entities;
    expect(model).toEqual({ __typename: 'Model', slug: 'heartbeit', parameters: { display: '86M' } });
    expect(sector).toEqual({ __typename: 'Sector', slug: 'public-health', section: 'III-F' });
    expect(task).toEqual({ __typename: 'Task', slug: 'global-weather-forecast' });
    expect(dataset).toEqual({
      __typename: 'Dataset',
      slug: 'big-fantastic-database',
      scale: '2.1 B protein sequences, 393 B amino acids',
    });
    expect(metric).toEqual({ __typename: 'Metric', slug: 'rmse', higherIsBetter: false });
    expect(result).toEqual({ __typename: 'Result', display: '73.0%' });
    expect(audits).toEqual({
      __typename: 'Audits',
      closedModels: match.arrayContaining([
        { slug: 'gpt-4' },
        { slug: 'med-palm-2' },
        { slug: 'operational-ifs' },
      ]),
    });
    expect(missing).toBeNull();
  });

  it('resolves _entities for Comparison, with its results and improvement', async () => {
    const res = await entities<{ _entities: unknown[] }>(
      '... on Comparison { slug baseline { display } challenger { display } improvement metric { slug } }',
      [
        { __typename: 'Comparison', id: gid('Comparison', 'esmfold-vs-alphafold2-casp14-tm-score') },
        { __typename: 'Comparison', id: gid('Comparison', 'no-such-comparison') },
      ],
    );
    // data/comparisons.json, results.json: ESMfold's 0.68 against AlphaFold2's 0.38 TM-score on CASP14
    expect(dataOf(res)._entities).toEqual([
      {
        __typename: 'Comparison',
        slug: 'esmfold-vs-alphafold2-casp14-tm-score',
        baseline: { display: '0.38' },
        challenger: { display: '0.68' },
        improvement: 0.3,
        metric: { slug: 'tm-score' },
      },
      null,
    ]);
  });

  it('batches _entities into one statement per type, whatever the number of keys', async () => {
    const { models } = dataOf(
      await catalog.run<{ models: Page<{ id: string }> }>('{ models(first: 40) { nodes { id } } }'),
    );
    const reps = (n: number) => models.nodes.slice(0, n).map((m) => ({ __typename: 'Model', id: m.id }));
    const two = await entities('... on Model { name results { display metric { name } } }', reps(2));
    const forty = await entities<{ _entities: unknown[] }>(
      '... on Model { name results { display metric { name } } }',
      reps(40),
    );
    expect(dataOf(forty)._entities).toHaveLength(40);
    expect(forty.sql).toBe(two.sql);
    expect(two.sql).toBe(3);
  });

  it('keeps fields without @Field private', async () => {
    const res = await catalog.run('{ model(slug: "esmfold") { parametersValue } }');
    expect(res.errors?.[0].message).toMatch(/Cannot query field "parametersValue"/);
  });
});
