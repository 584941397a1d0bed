import { seededConfig } from '../helpers/app';
import { directSubgraph, DirectSubgraph, ENTITIES, gid } from '../helpers/subgraph';

let catalog: DirectSubgraph;
beforeAll(async () => {
  catalog = await directSubgraph(await seededConfig(), 'catalog');
});
afterAll(() => catalog?.close());

const entities = (fragment: string, reps: object[]) =>
  catalog.run(ENTITIES.replace('...F', fragment), { reps });

describe('the catalog subgraph, executed directly', () => {
  it('publishes its SDL with keys on every entity it owns', async () => {
    const res = await catalog.run('{ _service { sdl } }');
    for (const type of ['Sector', 'Task', 'Model', 'Dataset', 'Metric', 'Result', 'Audits']) {
      expect(res.data._service.sdl).toMatch(new RegExp(`type ${type}\\s+@key\\(fields: "id"\\)`));
    }
  });

  it('resolves _entities for every type it owns, in the order asked, null for unknown keys', async () => {
    const res = await entities(
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
    expect(res.errors).toBeUndefined();
    const [model, sector, task, dataset, metric, result, audits, missing] = res.data._entities;
    expect(model).toEqual({ __typename: 'Model', slug: 'heartbeit', parameters: { display: '86M' } });
    expect(sector).toEqual({ __typename: 'Sector', slug: 'public-health', section: 'III-F' });
    expect(task.slug).toBe('global-weather-forecast');
    expect(dataset.scale).toBe('2.1 B protein sequences, 393 B amino acids');
    expect(metric).toEqual({ __typename: 'Metric', slug: 'rmse', higherIsBetter: false });
    expect(result.display).toBe('73.0%');
    expect(audits.closedModels.length).toBeGreaterThan(0);
    expect(missing).toBeNull();
  });

  it('batches _entities into one statement per type, whatever the number of keys', async () => {
    const models = (await catalog.run('{ models(first: 40) { nodes { id } } }')).data.models.nodes as {
      id: string;
    }[];
    const reps = (n: number) => models.slice(0, n).map((m) => ({ __typename: 'Model', id: m.id }));
    const two = await entities('... on Model { name results { display metric { name } } }', reps(2));
    const forty = await entities('... on Model { name results { display metric { name } } }', reps(40));
    expect(forty.data._entities).toHaveLength(40);
    expect(forty.sql).toBe(two.sql);
    expect(two.sql).toBe(3);
  });

  it('keeps fields without @Field private', async () => {
    const res = await catalog.run('{ model(slug: "esmfold") { parametersValue } }');
    expect(res.errors?.[0].message).toMatch(/Cannot query field "parametersValue"/);
  });
});
