import * as fs from 'fs';
import * as path from 'path';
import { Kind, parse, print } from 'graphql';
import { riskSchema, RiskRecord, SurveyData } from '../../src/data/schema';
import { DataValidationError, loadSurveyData } from '../../src/data/validate';
import { defineStore, Store } from '../../src/common/database';
import { Subgraph } from '../../src/common/federation';
import { SUBGRAPH_MODULES } from '../../src/subgraphs';
import { AUDITS_ID } from '../../src/common/audits-id';
import { DATA_DIR } from '../helpers/app';
import { dataOf, parseJson } from '../helpers/graphql';
import * as match from '../helpers/match';
import { ENTITIES, executeDirect, gid } from '../helpers/subgraph';

const risks = SUBGRAPH_MODULES.risks;

const curated: RiskRecord[] = parseJson<unknown[]>(
  fs.readFileSync(path.join(DATA_DIR, 'risks.json'), 'utf8'),
).map((r) => riskSchema.parse(r));

/** The validated data when data/ is complete; while other files are still missing, risks.json alone (all the risks seed reads). */
function surveyData(): SurveyData {
  try {
    return loadSurveyData(DATA_DIR);
  } catch (err) {
    if (!(err instanceof DataValidationError)) throw err;
    return {
      sectors: [],
      tasks: [],
      metrics: [],
      datasets: [],
      models: [],
      results: [],
      comparisons: [],
      risks: curated,
      citations: [],
    };
  }
}

let subgraph: Subgraph;
let store: Store;
beforeAll(async () => {
  subgraph = await risks.build();
  store = defineStore({ file: ':memory:' }, risks.entities);
  await store.dataSource.initialize();
  await store.dataSource.synchronize();
  await store.dataSource.transaction((m) => risks.seed(m, surveyData()));
});
afterAll(() => store?.dataSource.destroy());

/** Executes against the subgraph schema with a fresh context, and counts the SQL it cost. */
const run = <T = unknown>(query: string, variables?: Record<string, unknown>) =>
  executeDirect<T>(subgraph, store, risks.createContext(store.dataSource), query, variables);
const entities = <T = unknown>(fragment: string, reps: object[]) =>
  run<T>(ENTITIES.replace('...F', fragment), { reps });
type Id = { id: string };
type Slugged = { slug: string };
const slugsNaming = (field: 'models' | 'datasets' | 'sectors', slug: string) =>
  curated.filter((r) => r[field].includes(slug)).map((r) => ({ slug: r.slug }));

describe('the risks subgraph, executed directly', () => {
  it('lists the ten risks of Section IV in paper order', async () => {
    type Risk = Id & Slugged & { name: string; source: { location: string } };
    const { risks } = dataOf(await run<{ risks: Risk[] }>('{ risks { id slug name source { location } } }'));
    expect(risks.map((r) => r.name)).toEqual([
      'Data',
      'Computation',
      'Reliability',
      'Privacy',
      'Fairness',
      'Toxicity',
      'Transparency',
      'Interpretability',
      'Sustainability',
      'Regulation',
    ]);
    expect(risks.map((r) => r.id)).toEqual(curated.map((r) => gid('Risk', r.slug)));
    expect(risks.map((r) => r.source.location)).toEqual(Array<string>(10).fill('Section IV'));
  });

  it('gives a risk its figures, examples and mitigations with their citations; null for an unknown slug', async () => {
    type Figure = { label: string; value: number; unit: string; display: string };
    type Risk = { figures: Figure[]; models: Id[]; datasets: Id[]; sectors: Id[]; mitigations: unknown[] };
    const res = await run<{ sustainability: Risk; computation: Risk; none: null }>(`{
      sustainability: risk(slug: "sustainability") { figures { label value unit display source { location } } models { id } datasets { id } sectors { id }
        mitigations { slug name description citations { id } } }
      computation: risk(slug: "computation") { figures { value display } models { id } }
      none: risk(slug: "nope") { id } }`);
    const { sustainability, computation, none } = dataOf(res);
    expect(sustainability.figures.map((f) => [f.value, f.display])).toEqual([
      [1287, '1287 MWh'],
      [552, '552 tons'],
    ]);
    expect(sustainability.figures[0]).toMatchObject({ unit: 'MWh', source: { location: 'Section IV' } });
    expect(sustainability.models).toEqual([{ id: gid('Model', 'gpt-3') }]);
    expect(sustainability.datasets).toEqual([]);
    expect(sustainability.sectors).toEqual([]);
    const mitigations = curated.find((r) => r.slug === 'sustainability')?.mitigations;
    expect(sustainability.mitigations).toEqual(
      mitigations?.map((m) => ({
        slug: m.slug,
        name: m.name,
        description: m.description,
        citations: m.citations.map((n) => ({ id: gid('Citation', n) })),
      })),
    );
    expect(computation.figures.map((f) => f.value)).toEqual([65e9, 21, 2048, 1.4e12]);
    expect(computation.models).toEqual([{ id: gid('Model', 'llama') }]);
    expect(none).toBeNull();
  });

  it('resolves _entities for Risk, Model, Dataset, Sector and Audits, in the order asked', async () => {
    type Entity = { risks: Slugged[]; id: string; risksWithoutMitigation: Slugged[]; riskIds: string[] };
    const res = await entities<{ _entities: Entity[] }>(
      `... on Risk { slug name } ... on Model { id risks { slug } } ... on Dataset { risks { slug } } ... on Sector { risks { slug } }
       ... on Audits { id risksWithoutMitigation { slug } riskIds }`,
      [
        { __typename: 'Risk', id: gid('Risk', 'privacy') },
        { __typename: 'Model', id: gid('Model', 'chatgpt') },
        { __typename: 'Dataset', id: gid('Dataset', 'mimic-cxr') },
        { __typename: 'Sector', id: gid('Sector', 'public-health') },
        { __typename: 'Audits', id: AUDITS_ID },
        { __typename: 'Risk', id: gid('Risk', 'no-such-risk') },
        { __typename: 'Audits', id: 'not-audits' },
        { __typename: 'Model', id: gid('Model', 'a-model-no-risk-names') },
      ],
    );
    const [risk, model, dataset, sector, audits, missingRisk, otherAudits, quietModel] =
      dataOf(res)._entities;
    expect(risk).toEqual({ __typename: 'Risk', slug: 'privacy', name: 'Privacy' });
    expect(model).toEqual({
      __typename: 'Model',
      id: gid('Model', 'chatgpt'),
      risks: slugsNaming('models', 'chatgpt'),
    });
    expect(model.risks.map((r) => r.slug)).toEqual(['data', 'privacy', 'transparency']);
    expect(dataset.risks).toEqual(slugsNaming('datasets', 'mimic-cxr'));
    expect(dataset.risks).toEqual([{ slug: 'data' }]);
    expect(sector.risks).toEqual(slugsNaming('sectors', 'public-health'));
    expect(audits.id).toBe('audits');
    expect(audits.risksWithoutMitigation).toEqual(
      curated.filter((r) => r.mitigations.length === 0).map((r) => ({ slug: r.slug })),
    );
    // data/risks.json: Section IV gives no mitigation for the data, computation and transparency risks
    expect(audits.risksWithoutMitigation).toEqual([
      { slug: 'data' },
      { slug: 'computation' },
      { slug: 'transparency' },
    ]);
    expect(audits.riskIds).toEqual(curated.map((r) => gid('Risk', r.slug)));
    expect(missingRisk).toBeNull();
    expect(otherAudits).toBeNull();
    expect(quietModel).toEqual({ __typename: 'Model', id: gid('Model', 'a-model-no-risk-names'), risks: [] });
  });

  it('publishes an SDL with its own types only: keys on Risk and Audits, key-only stubs of the others', async () => {
    const { _service } = dataOf(await run<{ _service: { sdl: string } }>('{ _service { sdl } }'));
    // read through the AST: the printer wraps directives of a type onto their own lines
    const types = parse(_service.sdl).definitions.flatMap((d) =>
      d.kind === Kind.OBJECT_TYPE_DEFINITION && !d.name.value.startsWith('_')
        ? [
            {
              name: d.name.value,
              directives: (d.directives ?? []).map(print),
              fields: (d.fields ?? []).filter((f) => !f.name.value.startsWith('_')),
            },
          ]
        : [],
    );
    const type = (name: string) => {
      const found = types.find((t) => t.name === name);
      if (!found) throw new Error(`no type ${name} in the SDL`);
      return found;
    };
    const fieldNames = (name: string) =>
      type(name)
        .fields.map((f) => f.name.value)
        .sort();
    expect(types.map((t) => t.name).sort()).toEqual([
      'Audits',
      // curation: the writes of risks and mitigations, and references to the catalog's proposals and changes
      'Change',
      'Citation',
      'Dataset',
      'Mitigation',
      'MitigationWritePayload',
      'Model',
      'Mutation',
      'Proposal',
      'Query',
      'Risk',
      'RiskFigure',
      'RiskWritePayload',
      'Sector',
      'Source',
      'UserError',
    ]);
    for (const ref of ['Change', 'Proposal'])
      expect(type(ref).directives).toEqual(['@key(fields: "id", resolvable: false)']);
    expect(fieldNames('Change')).toEqual(['id', 'proposalNumber']);
    expect(fieldNames('Proposal')).toEqual(['id', 'number']);
    for (const name of ['Risk', 'Mitigation', 'Audits', 'Model', 'Dataset', 'Sector'])
      expect(type(name).directives).toEqual(['@key(fields: "id")']);
    expect(type('Citation').directives).toEqual(['@key(fields: "id", resolvable: false)']);
    expect(type('RiskFigure').directives).toEqual([]);
    for (const stub of ['Model', 'Dataset', 'Sector']) expect(fieldNames(stub)).toEqual(['id', 'risks']);
    expect(fieldNames('Citation')).toEqual(['id']);
    expect(fieldNames('RiskFigure')).toEqual(['display', 'label', 'source', 'unit', 'value']);
    expect(fieldNames('Query')).toEqual(['risk', 'risks']);
    expect(
      type('Audits')
        .fields.find((f) => f.name.value === 'riskIds')
        ?.directives?.map(print),
    ).toEqual(['@inaccessible']);
  });

  it('resolves _entities for Mitigation, null for an unknown key', async () => {
    const res = await entities<{ _entities: unknown[] }>(
      '... on Mitigation { slug name description citations { id } }',
      [
        { __typename: 'Mitigation', id: gid('Mitigation', 'verification-framework') },
        { __typename: 'Mitigation', id: gid('Mitigation', 'no-such-mitigation') },
      ],
    );
    const [verification, missing] = dataOf(res)._entities;
    // data/risks.json: reliability's last mitigation, Section V-B's framework of [191]
    expect(verification).toEqual({
      __typename: 'Mitigation',
      slug: 'verification-framework',
      name: 'Comprehensive verification framework',
      description: match.stringMatching(/verification/i),
      citations: [{ id: gid('Citation', 191) }],
    });
    expect(missing).toBeNull();
  });

  it('keeps private columns private', async () => {
    const res = await run('{ risks { position sourceLocation } }');
    expect(res.errors?.map((e) => e.message)).toEqual([
      match.stringMatching(/Cannot query field "position"/),
      match.stringMatching(/Cannot query field "sourceLocation"/),
    ]);
  });

  it('batches `risks` of many models into one statement, whatever their number', async () => {
    const named = [...new Set(curated.flatMap((r) => r.models))];
    const slugs = [...named, ...Array.from({ length: 20 }, (_, i) => `other-model-${i}`)].slice(0, 20);
    const reps = (n: number) => slugs.slice(0, n).map((s) => ({ __typename: 'Model', id: gid('Model', s) }));
    const two = await entities('... on Model { risks { name } }', reps(2));
    const twenty = await entities<{ _entities: unknown[] }>('... on Model { risks { name } }', reps(20));
    expect(dataOf(twenty)._entities).toHaveLength(20);
    expect(twenty.sql).toBe(two.sql);
    expect(two.sql).toBe(1);
  });

  it('gives each mitigation the risk it mitigates, through _entities too, in one statement for all', async () => {
    type Risk = Slugged & { mitigations: (Slugged & { risk: Slugged & { name: string } })[] };
    const reps = curated.map((r) => ({ __typename: 'Risk', id: gid('Risk', r.slug) }));
    const res = await entities<{ _entities: Risk[] }>(
      '... on Risk { slug mitigations { slug risk { slug name } } }',
      reps,
    );
    const risks = dataOf(res)._entities;
    expect(risks.flatMap((r) => r.mitigations.map((m) => [m.slug, m.risk.slug]))).toEqual(
      curated.flatMap((r) => r.mitigations.map((m) => [m.slug, r.slug])),
    );
    const privacy = risks.find((r) => r.slug === 'privacy');
    expect(privacy?.mitigations).toEqual([
      { slug: 'refusal-fine-tuning', risk: { slug: 'privacy', name: 'Privacy' } },
    ]);
    // risks by id and mitigations: each mitigation's risk is the one the risk loader already holds
    expect(res.sql).toBe(2);
    // from the root list (not read through the loader): one more batch for all the mitigations' risks
    const root = await run<{ risks: Risk[] }>('{ risks { slug mitigations { slug risk { slug name } } } }');
    expect(dataOf(root).risks).toEqual(risks.map(({ slug, mitigations }) => ({ slug, mitigations })));
    expect(root.sql).toBe(3);
  });

  it('batches a risk and everything under it into one statement per field', async () => {
    const query =
      '... on Risk { name models { id } sectors { id } figures { value } mitigations { name citations { id } } }';
    const reps = (risks: RiskRecord[]) => risks.map((r) => ({ __typename: 'Risk', id: gid('Risk', r.slug) }));
    // the last two have mitigations, so the small batch reaches every loader too
    const two = await entities(query, reps(curated.slice(-2)));
    const all = await entities<{ _entities: { name: string }[] }>(query, reps(curated));
    expect(dataOf(all)._entities.map((r) => r.name)).toEqual(curated.map((r) => r.name));
    expect(all.sql).toBe(two.sql);
    // risks by id, examples, figures, mitigations, mitigation citations
    expect(all.sql).toBe(5);
  });
});
