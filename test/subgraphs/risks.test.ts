import * as fs from 'fs';
import * as path from 'path';
import { DATA_DIR, seededConfig } from '../helpers/app';
import { directSubgraph, DirectSubgraph, ENTITIES, gid } from '../helpers/subgraph';

let risks: DirectSubgraph;
beforeAll(async () => {
  risks = await directSubgraph(await seededConfig(), 'risks');
});
afterAll(() => risks?.close());

const curated = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'risks.json'), 'utf8')) as { slug: string; name: string; mitigations: unknown[] }[];
const entities = (fragment: string, reps: object[]) => risks.run(ENTITIES.replace('...F', fragment), { reps });

describe('the risks subgraph, executed directly', () => {
  it('lists the ten risks of Section IV in paper order', async () => {
    const res = await risks.run('{ risks { slug name source { location } } }');
    expect(res.data.risks.map((r: any) => r.name)).toEqual([
      'Data', 'Computation', 'Reliability', 'Privacy', 'Fairness', 'Toxicity', 'Transparency', 'Interpretability', 'Sustainability', 'Regulation',
    ]);
    expect(res.data.risks.every((r: any) => r.source.location === 'Section IV')).toBe(true);
  });

  it('gives each risk its figures, example models and mitigations', async () => {
    const res = await risks.run(`{ sustainability: risk(slug: "sustainability") { figures { value unit display } models { id } mitigations { name citations { id } } }
      computation: risk(slug: "computation") { figures { value display } models { id } } none: risk(slug: "nope") { id } }`);
    expect(res.data.sustainability.figures.map((f: any) => f.value)).toEqual([1287, 552]);
    expect(res.data.sustainability.figures[0].display).toBe('1287 MWh');
    expect(res.data.sustainability.models).toEqual([{ id: gid('Model', 'gpt-3') }]);
    expect(res.data.computation.figures.map((f: any) => f.value)).toEqual(expect.arrayContaining([65e9, 21, 2048, 1.4e12]));
    expect(res.data.computation.models).toEqual([{ id: gid('Model', 'llama') }]);
    expect(res.data.none).toBeNull();
  });

  it('contributes `risks` to models, datasets and sectors, and the mitigation audit', async () => {
    const res = await entities('... on Model { risks { slug } } ... on Dataset { risks { slug } } ... on Sector { risks { slug } } ... on Audits { risksWithoutMitigation { slug } }', [
      { __typename: 'Model', id: gid('Model', 'chatgpt') },
      { __typename: 'Dataset', id: gid('Dataset', 'mimic-cxr') },
      { __typename: 'Sector', id: gid('Sector', 'public-health') },
      { __typename: 'Audits', id: 'audits' },
    ]);
    expect(res.errors).toBeUndefined();
    const [model, dataset, sector, audits] = res.data._entities;
    expect(model.risks.map((r: any) => r.slug)).toEqual(expect.arrayContaining(['data', 'privacy', 'transparency']));
    expect(dataset.risks).toEqual([{ slug: 'data' }]);
    expect(Array.isArray(sector.risks)).toBe(true);
    expect(audits.risksWithoutMitigation.map((r: any) => r.slug)).toEqual(curated.filter((r) => r.mitigations.length === 0).map((r) => r.slug));
  });

  it('batches `risks` of many models into one statement per loader', async () => {
    const reps = (slugs: string[]) => slugs.map((s) => ({ __typename: 'Model', id: gid('Model', s) }));
    const two = await entities('... on Model { risks { name } }', reps(['chatgpt', 'gpt-3']));
    const many = await entities('... on Model { risks { name } }', reps(['chatgpt', 'gpt-3', 'llama', 'dall-e', 'dall-e-2', 'med-palm-2', 'sam', 'clip', 'esmfold', 'gpt-4']));
    expect(many.sql).toBe(two.sql);
    expect(two.sql).toBe(2);
  });
});
