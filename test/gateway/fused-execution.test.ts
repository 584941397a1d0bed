import * as fs from 'fs';
import { graphql, Kind, lexicographicSortSchema, parse, printSchema } from 'graphql';
import * as path from 'path';
import { InProcessApp } from '../../src/app/in-process';
import { buildSubgraphs } from '../../src/app/subgraphs';
import { buildFusedSchema } from '../../src/gateway/fused-schema';
import { createGateway } from '../../src/gateway/gateway';
import { readSupergraphJoins } from '../../src/gateway/supergraph-joins';
import { loadSurveyData } from '../../src/data/validate';
import { DATA_DIR, gatewayQuery, measure, startInProcess } from '../helpers/app';
import { gid } from '../helpers/subgraph';

const SUPERGRAPH = fs.readFileSync(path.resolve(__dirname, '../../supergraph.graphql'), 'utf8');
const API_SCHEMA = fs.readFileSync(path.resolve(__dirname, '../../schema.graphql'), 'utf8');

describe('reading the supergraph', () => {
  it('knows which subgraph resolves each field, the keys, and what a field requires', () => {
    const joins = readSupergraphJoins(SUPERGRAPH);
    expect(joins.unsupported).toEqual([]);
    expect(joins.resolvers.get('Model.name')).toEqual(['catalog']);
    expect(joins.resolvers.get('Model.citations')).toEqual(['literature']);
    expect(joins.resolvers.get('Model.risks')).toEqual(['risks']);
    // no @join__field: every subgraph that has the type resolves it
    expect(joins.resolvers.get('Model.id')).toEqual(['catalog', 'literature', 'risks']);
    // external in literature: only the catalog resolves it
    expect(joins.resolvers.get('Audits.modelIds')).toEqual(['catalog']);
    expect(joins.requires.get('Audits.uncitedEntities@literature')).toEqual([
      'modelIds',
      'datasetIds',
      'taskIds',
      'riskIds',
    ]);
    expect(joins.keys.get('Model')).toEqual(
      new Map([
        ['catalog', ['id']],
        ['literature', ['id']],
        ['risks', ['id']],
      ]),
    );
    // a key marked resolvable: false cannot be used to fetch the entity there
    expect(joins.keys.get('Citation')).toEqual(new Map([['literature', ['id']]]));
  });

  it('names what it cannot fuse, and the gateway refuses to start fused on it', async () => {
    const nested = SUPERGRAPH.replace(
      'requires: "modelIds datasetIds taskIds riskIds"',
      'requires: "modelIds datasetIds taskIds riskIds { id }"',
    ).replace(
      'type Task implements Node @join__type(graph: CATALOG, key: "id")',
      'type Task implements Node @join__type(graph: CATALOG, key: "id", isInterfaceObject: true)',
    );
    const subgraphs = await buildSubgraphs();
    const local = Object.fromEntries(
      Object.entries(subgraphs).map(([n, s]) => [n, { schema: s.schema, createContext: () => ({}) }]),
    );
    const result = buildFusedSchema(nested, API_SCHEMA, local);
    // in supergraph order: Audits comes before Task
    expect('unsupported' in result && result.unsupported).toEqual([
      'Audits.uncitedEntities @requires: field set "modelIds datasetIds taskIds riskIds { id }" selects below the entity',
      'Task: @interfaceObject in catalog',
    ]);
    expect(() =>
      createGateway({
        supergraph: nested,
        production: false,
        fused: { apiSchema: API_SCHEMA, subgraphs: local },
      }),
    ).toThrow(
      /cannot run fused in one process: Audits\.uncitedEntities @requires: .*; Task: @interfaceObject in catalog/,
    );
    const missing = buildFusedSchema(SUPERGRAPH, API_SCHEMA, { catalog: local.catalog });
    expect('unsupported' in missing && missing.unsupported).toContain(
      'Model.citations: subgraph literature is not in this process',
    );
  });
});

const data = loadSurveyData(DATA_DIR);
const uncited = (type: string, records: { slug: string; citations: number[] }[]) =>
  records.filter((r) => r.citations.length === 0).map((r) => ({ __typename: type, id: gid(type, r.slug) }));
const citedInSection = (section: string) =>
  data.citations
    .filter((c) => c.mentions.some((m) => m.section === `Section ${section}`))
    .map((c) => c.number);

/** Each case: its operation, and the answer both ways of running must give (from data/ and schema.graphql). */
const PARITY: [
  name: string,
  query: string,
  variables: Record<string, unknown> | undefined,
  expected: unknown,
][] = [
  [
    'a resolver error, named by its subgraph',
    '{ models(first: -1) { nodes { name } } }',
    undefined,
    {
      data: null,
      errors: [
        {
          message: '"first" must be a non-negative integer, got -1',
          path: ['models'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'first', serviceName: 'catalog' },
        },
      ],
    },
  ],
  [
    'an error in a field another subgraph adds',
    '{ model(slug: "gpt-4") { name citations { number } } search(query: "") { __typename } }',
    undefined,
    {
      data: null,
      errors: [
        {
          message: '"query" must not be empty',
          path: ['search'],
          extensions: { code: 'BAD_USER_INPUT', argument: 'query', serviceName: 'literature' },
        },
      ],
    },
  ],
  [
    'variables that do not coerce',
    'query ($n: Int!) { models(first: $n) { totalCount } }',
    { n: 'ten' },
    {
      errors: [
        {
          message: 'Variable "$n" got invalid value "ten"; Int cannot represent non-integer value: "ten"',
          locations: [{ line: 1, column: 8 }],
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    },
  ],
  [
    '@requires across three subgraphs',
    '{ audits { uncitedEntities { __typename id } } }',
    undefined,
    {
      data: {
        audits: {
          // what data/ cites nothing for, owners' order: models, datasets, tasks, then risks
          uncitedEntities: [
            ...uncited('Model', data.models),
            ...uncited('Dataset', data.datasets),
            ...uncited('Task', data.tasks),
            ...uncited('Risk', data.risks),
          ],
        },
      },
    },
  ],
  [
    "a sector's references (its section, from the literature subgraph's own index)",
    '{ sectors { name citations { number } } }',
    undefined,
    {
      data: {
        // a sector's references are the works cited in its section of the paper
        sectors: data.sectors.map((s) => ({
          name: s.name,
          citations: citedInSection(s.section).map((number) => ({ number })),
        })),
      },
    },
  ],
  [
    'abstract types from another subgraph',
    '{ search(query: "bert", first: 10) { __typename ... on Model { name type } ... on Citation { label } } }',
    undefined,
    {
      data: {
        search: [
          { __typename: 'Model', name: 'BERT', type: null },
          { __typename: 'Citation', label: 'BERT' },
          // HuBERT, RadBERT, RoBERTa, MolBert and MG-BERT are the companion list's
          { __typename: 'Model', name: 'HuBERT', type: null },
          { __typename: 'Model', name: 'BioBERT', type: 'LLM' },
          { __typename: 'Model', name: 'RadBERT', type: 'LLM' },
          { __typename: 'Model', name: 'RoBERTa', type: 'LLM' },
          { __typename: 'Model', name: 'MolBert', type: null },
          { __typename: 'Model', name: 'MG-BERT', type: null },
          { __typename: 'Citation', label: 'BioBERT' },
          { __typename: 'Model', name: 'Med-BERT', type: 'LLM' },
        ],
      },
    },
  ],
];

/** The fields of an object type of schema.graphql, in its order. */
function apiFields(type: string): string[] {
  const def = parse(API_SCHEMA).definitions.find(
    (d) => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === type,
  );
  if (def?.kind !== Kind.OBJECT_TYPE_DEFINITION) throw new Error(`no type ${type} in schema.graphql`);
  return (def.fields ?? []).map((f) => f.name.value);
}

describe('fused and planned execution give clients the same answers', () => {
  let fused: InProcessApp;
  let planned: InProcessApp;
  beforeAll(async () => {
    [fused, planned] = await Promise.all([startInProcess(1, 'fused'), startInProcess(1, 'planned')]);
  });
  afterAll(async () => {
    await Promise.all([fused?.close(), planned?.close()]);
  });

  it.each(PARITY)('%s', async (_, query, variables, expected) => {
    const [a, b] = [
      await gatewayQuery(fused, query, variables),
      await gatewayQuery(planned, query, variables),
    ];
    // the cost in extensions is the same either way; the answers are compared without it
    expect(a.extensions).toEqual(b.extensions);
    const { extensions: _a, ...answerA } = a;
    const { extensions: _b, ...answerB } = b;
    expect(answerA).toEqual(expected);
    expect(answerB).toEqual(expected);
  });

  it('introspection: the fused schema describes what the planned gateway does', async () => {
    // the fused gateway hands introspection to the planned executor, so asking it would compare the
    // plan with itself: the fused schema is asked directly, as the fused executor would run it
    const subgraphs = await buildSubgraphs();
    const built = buildFusedSchema(
      SUPERGRAPH,
      API_SCHEMA,
      Object.fromEntries(
        Object.entries(subgraphs).map(([n, s]) => [n, { schema: s.schema, createContext: () => ({}) }]),
      ),
    );
    if ('unsupported' in built) throw new Error(built.unsupported.join('; '));
    const query = '{ __type(name: "Model") { fields { name } } }';
    const expected = { data: { __type: { fields: apiFields('Model').map((name) => ({ name })) } } };
    const viaFused = JSON.parse(
      JSON.stringify(await graphql({ schema: built.schema, source: query })),
    ) as unknown;
    expect(viaFused).toEqual(expected);
    // introspection costs nothing
    const answered = { ...expected, extensions: { cost: { requested: 0, limit: 50_000 } } };
    expect(await gatewayQuery(planned, query)).toEqual(answered);
    expect(await gatewayQuery(fused, query)).toEqual(answered);
    // the planned gateway's schema also declares the supergraph's demand-control directives (@cost,
    // @listSize); introspection is always answered by it, so clients see one schema either way
    const withoutCostDirectives = (sdl: string) => sdl.replace(/^directive @(cost|listSize)\(.*\n\n/gm, '');
    expect(printSchema(lexicographicSortSchema(built.schema))).toBe(
      withoutCostDirectives(printSchema(lexicographicSortSchema(await planned.gateway.runtime.getSchema()))),
    );
  });

  it('makes no subgraph request when fused, and no more SQL than the plan', async () => {
    const query =
      '{ model(slug: "gpt-4") { name citations { number } risks { name } results { display metric { name } } } }';
    const [a, b] = [await measure(fused, query), await measure(planned, query)];
    // data/: GPT-4 is cited as [4], names no risk, and has one result in Table I (86.7% accuracy)
    const expected = {
      data: {
        model: {
          name: 'GPT-4',
          citations: [{ number: 4 }],
          risks: [],
          results: [{ display: '86.7%', metric: { name: 'Accuracy' } }],
        },
      },
      extensions: { cost: { requested: 12, limit: 50_000 } },
    };
    expect(a.response).toEqual(expected);
    expect(b.response).toEqual(expected);
    expect(a.fetches).toBe(0);
    expect(b.fetches).toBe(3);
    expect(a.totalSql).toBeLessThanOrEqual(b.totalSql);
  });
});
