import * as fs from 'fs';
import * as path from 'path';
import { InProcessApp } from '../../src/app/in-process';
import { buildSubgraphs } from '../../src/app/subgraphs';
import { buildFusedSchema } from '../../src/gateway/fused-schema';
import { createGateway } from '../../src/gateway/gateway';
import { readSupergraphJoins } from '../../src/gateway/supergraph-joins';
import { gatewayQuery, measure, startInProcess } from '../helpers/app';

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

describe('fused and planned execution give clients the same answers', () => {
  let fused: InProcessApp;
  let planned: InProcessApp;
  beforeAll(async () => {
    [fused, planned] = await Promise.all([startInProcess(1, 'fused'), startInProcess(1, 'planned')]);
  });
  afterAll(async () => {
    await Promise.all([fused?.close(), planned?.close()]);
  });

  it.each([
    ['a resolver error, named by its subgraph', '{ models(first: -1) { nodes { name } } }', undefined],
    [
      'an error in a field another subgraph adds',
      '{ model(slug: "gpt-4") { name citations { number } } search(query: "") { __typename } }',
      undefined,
    ],
    ['variables that do not coerce', 'query ($n: Int!) { models(first: $n) { totalCount } }', { n: 'ten' }],
    ['@requires across three subgraphs', '{ audits { uncitedEntities { __typename id } } }', undefined],
    ["a sector's references (@requires section)", '{ sectors { name citations { number } } }', undefined],
    [
      'abstract types from another subgraph',
      '{ search(query: "bert", first: 10) { __typename ... on Model { name type } ... on Citation { label } } }',
      undefined,
    ],
    ['introspection', '{ __type(name: "Model") { fields { name } } }', undefined],
  ])('%s', async (_, query, variables) => {
    const [a, b] = [
      await gatewayQuery(fused, query, variables),
      await gatewayQuery(planned, query, variables),
    ];
    expect(a).toEqual(b);
  });

  it('makes no subgraph request when fused, and no more SQL than the plan', async () => {
    const query =
      '{ model(slug: "gpt-4") { name citations { number } risks { name } results { display metric { name } } } }';
    const [a, b] = [await measure(fused, query), await measure(planned, query)];
    expect(a.response).toEqual(b.response);
    expect(a.fetches).toBe(0);
    expect(b.fetches).toBe(3);
    expect(a.totalSql).toBeLessThanOrEqual(b.totalSql);
  });
});
