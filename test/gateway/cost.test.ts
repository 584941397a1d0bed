import { EXAMPLE_VARIABLES } from '../../src/gateway/playground';
import * as fs from 'fs';
import * as path from 'path';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  getOperationAST,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  parse,
} from 'graphql';
import { InProcessApp } from '../../src/app/in-process';
import {
  costDirectivesOf,
  costModel,
  DEFAULT_LIMITS,
  NO_COST_DIRECTIVES,
  operationCost,
} from '../../src/gateway/limits';
import { EXECUTIONS, gatewayQuery, startInProcess } from '../helpers/app';
import { GraphQLResponse } from '../helpers/graphql';
import { PAGES, pagesCost, SECTOR_RESULTS } from '../helpers/cost';

type CostResponse<T> = Omit<GraphQLResponse<T>, 'extensions'> & {
  extensions?: { cost?: { requested: number; limit: number } };
};

const LIMIT = DEFAULT_LIMITS.maxCost;

const ROOT = path.resolve(__dirname, '../..');

/** Every saved operation (src/client/operations), as persisted-documents.json holds them, by name. */
function savedOperations(): [string, string][] {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'persisted-documents.json'), 'utf8')) as Record<
    string,
    string
  >;
  return Object.values(manifest).map((text) => [getOperationAST(parse(text))?.name?.value ?? '', text]);
}

/** Variables that find something for the saved operations that need some. */
const SAVED_VARIABLES: Record<string, Record<string, unknown>> = {
  ...EXAMPLE_VARIABLES,
  CitationSupports: { number: 84 },
  DatasetPage: { slug: 'casp14' },
  ModelPage: { slug: 'esmfold' },
  Search: { query: 'bert' },
  SectorOverview: { slug: 'bioinformatics' },
};

describe.each(EXECUTIONS)('the cost limit (%s)', (execution) => {
  let app: InProcessApp;
  beforeAll(async () => {
    app = await startInProcess(1, execution);
  });
  afterAll(() => app?.close());

  const q = async <T = unknown>(query: string, variables?: Record<string, unknown>) =>
    (await gatewayQuery<T>(app, query, variables)) as CostResponse<T>;

  /** Refused with `code` and nothing else: no data, and no subgraph was called. */
  async function expectRefused(query: string, variables: Record<string, unknown> | undefined, code: string) {
    app.gateway.stats.reset();
    const res = await q(query, variables);
    expect(res.data ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0].extensions?.code).toBe(code);
    expect(app.gateway.stats.total).toBe(0);
    return res;
  }

  it('costs each request by its own variables: a document that ran with small ones is refused with large ones', async () => {
    const small = await q(PAGES, { n: 1 });
    expect(small.errors).toBeUndefined();
    expect(small.extensions?.cost).toEqual({ requested: pagesCost(1), limit: LIMIT });
    const large = await expectRefused(PAGES, { n: 500 }, 'COST_LIMIT_EXCEEDED');
    expect(large.errors?.[0].message).toBe(
      `operation cost ${pagesCost(500)} exceeds the limit of ${LIMIT}; ask for smaller pages ("first") or fewer nested lists`,
    );
    expect(large.extensions?.cost).toEqual({ requested: pagesCost(500), limit: LIMIT });
  });

  it('costs a backward page by `last` and a where-filtered nested page by `first`, as a forward one', async () => {
    const backward = PAGES.replace(
      'datasets(first: $n)',
      'datasets(last: $n, where: { access: { in: [OPEN, UNKNOWN] } })',
    )
      .replace(
        'usedToTrain(first: $n)',
        'usedToTrain(first: $n, where: { type: { isNull: false } }, orderBy: { field: NAME, direction: ASC })',
      )
      .replace('Pages', 'PagesBackward');
    const small = await q(backward, { n: 2 });
    expect(small.errors).toBeUndefined();
    expect(small.extensions?.cost).toEqual({ requested: pagesCost(2), limit: LIMIT });
    const large = await expectRefused(backward, { n: 500 }, 'COST_LIMIT_EXCEEDED');
    expect(large.extensions?.cost).toEqual({ requested: pagesCost(500), limit: LIMIT });
  });

  it('and a document refused with large variables still runs with small ones', async () => {
    // its own text, so that no earlier request of this file has primed a cache with it
    const text = PAGES.replace('Pages', 'PagesLargeFirst');
    await expectRefused(text, { n: 500 }, 'COST_LIMIT_EXCEEDED');
    for (let i = 0; i < 3; i++) {
      const small = await q<{ datasets: { nodes: unknown[] } }>(text, { n: 2 });
      expect(small.errors).toBeUndefined();
      expect(small.data?.datasets.nodes).toHaveLength(2);
      expect(small.extensions?.cost?.requested).toBe(pagesCost(2));
    }
  });

  it("costs a variable's declared default as what it is", async () => {
    const withDefault = PAGES.replace('$n: Int', '$n: Int = 500');
    const res = await expectRefused(withDefault, undefined, 'COST_LIMIT_EXCEEDED');
    expect(res.extensions?.cost?.requested).toBe(pagesCost(500));
    // an explicit value wins over the default; null asks the subgraphs for their default page of 50
    expect((await q(withDefault, { n: 3 })).extensions?.cost?.requested).toBe(pagesCost(3));
    expect((await q(withDefault, { n: null })).extensions?.cost?.requested).toBe(pagesCost(50));
  });

  it('lets the seven sectors with their tasks and results through, and says what it cost', async () => {
    const res = await q<{ sectors: { tasks: { nodes: unknown[] } }[] }>(SECTOR_RESULTS);
    expect(res.errors).toBeUndefined();
    expect(res.data?.sectors).toHaveLength(7);
    // per result: itself, metric, dataset, model and its parameters (1 each), and the model's datasets
    // (at most 2) with their references (at most 2 each), as their @listSize declares
    const perResult = 1 + 1 + 1 + 1 + 1 + 2 * (1 + 2);
    const perTask = 1 + (1 + 10 * perResult);
    expect(res.extensions?.cost).toEqual({ requested: 7 * (1 + (1 + 10 * perTask)), limit: LIMIT });
    expect(res.extensions?.cost?.requested).toBe(7854);
  });

  it.each(savedOperations().filter(([, text]) => /(?:^| )query \w/.test(text)))(
    'runs the saved operation %s with the defaults',
    async (name, text) => {
      const res = await q(text, SAVED_VARIABLES[name] ?? {});
      expect(res.errors).toBeUndefined();
      expect(res.extensions?.cost?.requested).toBeLessThanOrEqual(LIMIT);
    },
  );

  it.each(savedOperations().filter(([, text]) => /(?:^| )mutation \w/.test(text)))(
    'costs the saved write %s under the limit (without a key it is refused, but not by the cost limit)',
    async (name, text) => {
      const res = await q(text, SAVED_VARIABLES[name] ?? { input: {} });
      expect(res.errors?.map((e) => e.extensions?.code)).not.toContain('COST_LIMIT_EXCEEDED');
      if (res.extensions?.cost) expect(res.extensions.cost.requested).toBeLessThanOrEqual(LIMIT);
    },
  );

  it('counts the ids nodes(ids:) is given, from a literal or a variable', async () => {
    const ids = ['U2VjdG9yOmJpb2luZm9ybWF0aWNz', 'nope', 'nope'];
    const literal = await q(`{ nodes(ids: ${JSON.stringify(ids)}) { id } }`);
    expect(literal.extensions?.cost?.requested).toBe(3);
    const variable = await q('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
    expect(variable.extensions?.cost?.requested).toBe(3);
  });

  it('refuses four nodes(ids:) of 500 sectors, each with models(first: 500)', async () => {
    const ids = Array.from({ length: 500 }, () => 'U2VjdG9yOmJpb2luZm9ybWF0aWNz');
    const field = (alias: string) =>
      `${alias}: nodes(ids: $ids) { ... on Sector { models(first: 500) { nodes { name } } } }`;
    const query = `query($ids: [ID!]!) { ${['a', 'b', 'c', 'd'].map(field).join(' ')} }`;
    const res = await expectRefused(query, { ids }, 'COST_LIMIT_EXCEEDED');
    // each id: the node, and a sector's connection with its 500 models
    expect(res.extensions?.cost?.requested).toBe(4 * 500 * (1 + 1 + 500));
  });

  it('costs an interface or union by its most expensive type', async () => {
    const hits = await q(
      '{ search(query: "bert", first: 5) { ... on Model { results { display } } ... on Citation { mentions { section } } } }',
    );
    expect(hits.errors).toBeUndefined();
    // at most 100 hits (what search serves); a citation's 6 mentions outweigh a model's 3 results
    expect(hits.extensions?.cost?.requested).toBe(100 * (1 + 6));
  });

  it('answers a page over 500 under a costly selection with the page-size error, not a cost error', async () => {
    const res = await expectRefused(
      '{ sectors { models(first: 100000) { nodes { results { citations { number } } trainedOn { usedToTrain(first: 500) { nodes { name } } } } } } }',
      undefined,
      'BAD_USER_INPUT',
    );
    expect(res.errors?.[0].message).toBe(
      '"first" must be at most 500, got 100000; page through the rest with "after"',
    );
    // what it would cost at the largest page there is
    expect(res.extensions?.cost?.requested).toBeGreaterThan(LIMIT);
    const flat = await q('{ models(first: 100000) { nodes { name } } }');
    expect(flat.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/"first" must be at most 500, got 100000/) as unknown,
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('answers a variable nested 40,000 arrays deep with a variable error, not an unexpected one', async () => {
    const deep = `${'['.repeat(40_000)}${']'.repeat(40_000)}`;
    for (const query of [
      'query($n: Int) { models(first: $n) { nodes { name } } }',
      'query($n: [ID!]!) { nodes(ids: $n) { id } }',
    ]) {
      const res = await app.gateway.runtime.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: `{"query": ${JSON.stringify(query)}, "variables": {"n": ${deep}}}`,
      });
      const body = (await res.json()) as CostResponse<unknown>;
      expect(res.status).toBe(400);
      expect(body.errors?.[0].message).toMatch(/^Variable "\$n" got invalid value /);
    }
  });
});

describe('what the cost is read from', () => {
  let app: InProcessApp;
  beforeAll(async () => {
    app = await startInProcess();
  });
  afterAll(() => app?.close());

  it('every list of objects in the API schema has a size the subgraphs declare', () => {
    const { listSizes } = costDirectivesOf(app.composition.supergraph);
    const api = buildSchema(app.composition.apiSchema);
    const fields = Object.values(api.getTypeMap()).flatMap((type) =>
      !type.name.startsWith('__') && (isObjectType(type) || isInterfaceType(type))
        ? Object.values(type.getFields()).map((field) => ({
            coordinate: `${type.name}.${field.name}`,
            field,
          }))
        : [],
    );
    // a connection's size applies to its sized fields (edges, nodes)
    const sizedByParent = new Set(
      fields.flatMap(({ coordinate, field }) =>
        (listSizes.get(coordinate)?.sizedFields ?? []).map((f) => `${getNamedType(field.type).name}.${f}`),
      ),
    );
    const undeclared = fields
      .filter(
        ({ field }) => isListType(getNullableType(field.type)) && isCompositeType(getNamedType(field.type)),
      )
      .map(({ coordinate }) => coordinate)
      .filter((coordinate) => !listSizes.has(coordinate) && !sizedByParent.has(coordinate));
    expect(undeclared).toEqual([]);
    // every connection is sliced by `first`, and by `last` where it pages backwards too
    const connections = fields.filter(({ field }) => getNamedType(field.type).name.endsWith('Connection'));
    expect(connections.length).toBeGreaterThan(10);
    for (const { coordinate, field } of connections)
      expect([coordinate, listSizes.get(coordinate)?.slicingArguments]).toEqual([
        coordinate,
        field.args.some((a) => a.name === 'last') ? ['first', 'last'] : ['first'],
      ]);
  });

  it('reads @listSize and @cost by the names the @link to the cost spec gives them', () => {
    const supergraph = `
      schema @link(url: "https://specs.apollo.dev/link/v1.0")
        @link(url: "https://specs.apollo.dev/cost/v0.1", import: [{ name: "@listSize", as: "@size" }]) { query: Query }
      type Query { items: [Item!]! @size(assumedSize: 3) @cost(weight: 5) other: [Item!]! @listSize(assumedSize: 9) }
      type Item @cost(weight: 2) { name: String }`;
    const { listSizes, weights } = costDirectivesOf(supergraph);
    expect(listSizes.get('Query.items')).toEqual({ assumedSize: 3, slicingArguments: [], sizedFields: [] });
    // @listSize is not its name in this supergraph
    expect(listSizes.has('Query.other')).toBe(false);
    expect([weights.get('Query.items'), weights.get('Item')]).toEqual([5, 2]);
    const schema = buildSchema('type Query { items: [Item!]! other: [Item!]! } type Item { name: String }');
    const cost = (text: string, directives = costDirectivesOf(supergraph)) => {
      const document = parse(text);
      const operation = getOperationAST(document);
      if (!operation) throw new Error('no operation');
      return operationCost(schema, document, operation, {}, costModel(DEFAULT_LIMITS, directives)).cost;
    };
    // the field's weight replaces its type's; a list counts it for each item
    expect(cost('{ items { name } }')).toBe(3 * 5);
    expect(cost('{ other { name } }')).toBe(DEFAULT_LIMITS.assumedListSize * 2);
    // a supergraph without the directives (another graph's): every list holds assumedListSize items
    expect(cost('{ items { name } }', NO_COST_DIRECTIVES)).toBe(DEFAULT_LIMITS.assumedListSize);
  });
});
