import * as fs from 'fs';
import { getNamedType, isAbstractType, isInterfaceType, Kind, OperationTypeNode, parse } from 'graphql';
import { loadSurveyData } from '../../src/data/validate';
import { DATA_DIR } from '../helpers/app';
import { Reach } from '../helpers/coverage';
import { comparable, RouterResponse, Routers, sortKeys, startRouters } from '../helpers/routers';
import {
  API_SCHEMA,
  ENTITY_PATHS,
  FACTS,
  gid,
  MANIFEST,
  NODE_IDS,
  operationName,
  OPERATIONS_DIR,
  Probe,
  PROBES,
  SAVED_READS,
  SAVED_VARIABLES,
  SEARCH_TERMS,
} from './probes';

// The same operations through every router: the lam-atlas gateway in one process (fused and planned),
// the lam-atlas gateway over the subgraphs as HTTP services, and, over the same services and the
// checked-in supergraph.graphql, @apollo/gateway and the Hive Router's Rust query planner.

const data = loadSurveyData(DATA_DIR);

/**
 * Probes on which routers answer differently, each with the routers grouped by equal answers and why.
 * The test asserts that exactly these groups still form, so that a difference fixed (or changed) is seen,
 * and the probe moved back among those all routers must agree on.
 */
const KNOWN_DIFFERENCES: { probe: string; agree: string[][]; why: string }[] = [
  ...[
    'bad cursor: BAD_USER_INPUT',
    'bad cursor of a literature list: BAD_USER_INPUT',
    'first over 500: BAD_USER_INPUT',
    'search first over 100: BAD_USER_INPUT',
    'nodes over 500 ids: BAD_USER_INPUT',
  ].map((probe) => ({
    probe,
    agree: [['fused', 'planned', 'remote', 'apollo'], ['hive']],
    why:
      'an error on a non-null root field: the Hive Router runtime leaves "data" out of the response; ' +
      'the spec (and every other router) answers "data": null once execution has started',
  })),
  {
    probe: 'bad cursor in an entity fetch, beside a field that succeeds',
    agree: [['fused', 'apollo'], ['planned', 'remote'], ['hive']],
    why:
      "the catalog's _entities answers null and one error for the dataset (its non-null usedToTrain failed): " +
      '@apollo/gateway and the fused gateway report that error once and null the node; the Hive gateway ' +
      "runtime's JavaScript planner (lam-atlas planned and over subgraph services) reports it twice, once " +
      'at node.slug, a field that did not fail; the Hive Router runtime answers "node": {} for a node whose ' +
      'non-null fields are missing, instead of null',
  },
  ...['required variable not given', 'variable of the wrong type'].map((probe) => ({
    probe,
    agree: [['fused', 'planned', 'remote', 'apollo'], ['hive']],
    why:
      'same message; lam-atlas (its error reporting) and Apollo Server give a variable that cannot be ' +
      'coerced the code BAD_USER_INPUT, while the plain Hive Router runtime (GraphQL Yoga) sends it without one',
  })),
];
const differing = new Set(KNOWN_DIFFERENCES.map((k) => k.probe));
const CONFORMING = PROBES.filter((p) => !differing.has(p.name));

let routers: Routers;
beforeAll(async () => {
  routers = await startRouters();
}, 60_000);
afterAll(() => routers?.close());

const answered = new Map<Probe, Promise<RouterResponse[]>>();
/** Each router's answer to a probe, asked once and in parallel. */
function answers(probe: Probe): Promise<RouterResponse[]> {
  let all = answered.get(probe);
  if (!all) {
    all = Promise.all(routers.routers.map((r) => r.query(probe.query, probe.variables)));
    answered.set(probe, all);
  }
  return all;
}
/** The first router's answer: the lam-atlas gateway as `npm start` runs it (the others equal it). */
const reference = async (probe: Probe) => (await answers(probe))[0];
const byRouter = (values: unknown[]) => Object.fromEntries(routers.routers.map((r, i) => [r.id, values[i]]));

/** A value inside an answer, by keys and list positions; undefined where there is none. */
function at(value: unknown, ...keys: (string | number)[]): unknown {
  let here = value;
  for (const key of keys) {
    if (typeof here !== 'object' || here === null) return undefined;
    here = (here as Record<string | number, unknown>)[key];
  }
  return here;
}
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const probe = (name: string): Probe => {
  const found = PROBES.find((p) => p.name === name);
  if (!found) throw new Error(`no probe named ${name}`);
  return found;
};

it('starts every router: two in one process, three over the same subgraph services', () => {
  expect(routers.routers.map((r) => r.id)).toEqual(['fused', 'planned', 'remote', 'apollo', 'hive']);
});

/** The error codes of the reference answer: the one that the probe expects, or none. */
async function expectErrorCode(p: Probe) {
  const codes = list((await reference(p)).errors).map((e) => at(e, 'extensions', 'code') ?? null);
  if (p.error !== undefined) expect(codes).toContain(p.error);
  else expect(codes).toEqual([]);
}

describe('every router gives the same answer', () => {
  it.each(CONFORMING.map((p) => [p.name, p] as const))('%s', async (_name, p) => {
    const normalised = (await answers(p)).map((r) => comparable(r));
    expect(byRouter(normalised)).toEqual(byRouter(normalised.map(() => normalised[0])));
    await expectErrorCode(p);
  });
});

describe('known differences between routers', () => {
  it.each(KNOWN_DIFFERENCES.map((k) => [k.probe, k] as const))('%s', async (_name, known) => {
    const p = probe(known.probe);
    const normalised = (await answers(p)).map((r) => JSON.stringify(comparable(r)));
    const groups = new Map<string, string[]>();
    routers.routers.forEach((r, i) =>
      groups.set(normalised[i], [...(groups.get(normalised[i]) ?? []), r.id]),
    );
    expect([...groups.values()]).toEqual(known.agree);
    await expectErrorCode(p);
  });
});

describe('the probe set', () => {
  it('holds every saved read of the manifest, with variables for each, and no saved write', () => {
    const files = fs.readdirSync(OPERATIONS_DIR).filter((f) => f.endsWith('.graphql'));
    const definitions = files.flatMap((f) =>
      parse(fs.readFileSync(`${OPERATIONS_DIR}/${f}`, 'utf8')).definitions.filter(
        (d) => d.kind === Kind.OPERATION_DEFINITION,
      ),
    );
    const named = (operation: OperationTypeNode) =>
      definitions
        .filter((d) => d.operation === operation)
        .map((d) => d.name?.value)
        .filter((n): n is string => !!n);
    const inManifest = Object.values(MANIFEST).map(operationName);
    expect([...inManifest].sort()).toEqual(
      [...named(OperationTypeNode.QUERY), ...named(OperationTypeNode.MUTATION)].sort(),
    );
    expect(named(OperationTypeNode.MUTATION).length).toBeGreaterThan(0);
    // the probes read: a write would change what the next probe reads, and differently in each router
    expect(Object.keys(SAVED_VARIABLES).sort()).toEqual(SAVED_READS.map(operationName).sort());
    for (const document of SAVED_READS)
      expect(PROBES.filter((p) => p.query === document).length).toBeGreaterThan(0);
    expect(PROBES.filter((p) => /(?:^| )mutation \w/.test(p.query))).toEqual([]);
  });

  it('knows the @requires fields of the supergraph: today Audits.uncitedEntities', () => {
    expect([...FACTS.requires]).toEqual(['Audits.uncitedEntities']);
    expect(ENTITY_PATHS).toEqual(expect.arrayContaining([...FACTS.requires]));
  });

  it('reaches every field that returns an entity, from every subgraph, and every @requires field', async () => {
    const reach = new Reach(API_SCHEMA);
    for (const p of PROBES.filter((p) => p.error === undefined))
      reach.add(parse(p.query), (await reference(p)).data);
    expect(ENTITY_PATHS.filter((c) => !reach.reached.has(c))).toEqual([]);
    // Every subgraph returns entities: the catalog's lists, literature's node/search/supports, risks' links
    const owners = new Set(ENTITY_PATHS.flatMap((c) => FACTS.owners.get(c) ?? []));
    expect([...owners].sort()).toEqual(['catalog', 'literature', 'risks']);

    // ... and finds something there, except on the links the paper never makes
    const empty = ENTITY_PATHS.filter((c) => !reach.populated.has(c));
    expect(empty).toEqual(['Sector.risks', 'Task.citations', 'Metric.citations', 'Risk.sectors']);
    expect(data.tasks.filter((t) => t.citations.length > 0)).toEqual([]);
    // no risk names a sector as an example, so no sector has a risk either
    expect(data.risks.filter((r) => r.sectors.length > 0)).toEqual([]);
    expect(data.metrics.filter((m) => 'citations' in m)).toEqual([]);

    // node, nodes and search answer with every type they can
    const node = API_SCHEMA.getType('Node');
    const hit = API_SCHEMA.getType('SearchHit');
    if (!isInterfaceType(node) || !hit || !isAbstractType(hit)) throw new Error('no Node or SearchHit');
    const types = (t: typeof node | typeof hit) =>
      API_SCHEMA.getPossibleTypes(t)
        .map((o) => o.name)
        .sort();
    expect([...(reach.concrete.get('Query.node') ?? [])].sort()).toEqual(types(node));
    expect([...(reach.concrete.get('Query.nodes') ?? [])].sort()).toEqual(types(node));
    expect([...(reach.concrete.get('Query.search') ?? [])].sort()).toEqual(types(hit));
    expect(getNamedType(API_SCHEMA.getQueryType()!.getFields().node.type).name).toBe('Node');
  });
});

describe('an entity reached from several subgraphs', () => {
  /** Every object a router answered the generated probes with, all its fields, by id, with where. */
  async function entities(router: number) {
    const seen = new Map<string, { fields: string; where: string }[]>();
    const visit = (value: unknown, where: string): void => {
      if (Array.isArray(value)) return value.forEach((v) => visit(v, where));
      if (typeof value !== 'object' || value === null) return;
      const record = value as Record<string, unknown>;
      const { __typename: type, id } = record;
      if (typeof type === 'string' && typeof id === 'string' && Object.keys(record).length > 2) {
        // fields aliased apart in selections on several types (models_Sector) are the same fields
        const fields = Object.fromEntries(
          Object.entries(record).map(([k, v]) => [k.replace(new RegExp(`_${type}$`), ''), v]),
        );
        seen.set(id, [...(seen.get(id) ?? []), { fields: JSON.stringify(sortKeys(fields)), where }]);
      }
      Object.values(record).forEach((v) => visit(v, where));
    };
    for (const p of PROBES.filter((p) => p.everyField)) visit((await answers(p))[router].data, p.name);
    return seen;
  }

  it('answers the same, all its fields, from whichever field of whichever subgraph reaches it', async () => {
    for (const [i, router] of routers.routers.entries()) {
      const seen = await entities(i);
      const differing = [...seen].filter(([, found]) => new Set(found.map((a) => a.fields)).size > 1);
      expect({
        router: router.id,
        differing: differing.map(([id, found]) => [id, found.map((a) => a.where)]),
      }).toEqual({
        router: router.id,
        differing: [],
      });
    }
  });

  it('is reached from each subgraph that returns it: models, sectors, risks and references', async () => {
    const seen = await entities(0);
    // the type whose field reached it, or node, nodes, search (the literature index)
    const reachedBy = (type: string, key: string | number) =>
      [...new Set((seen.get(gid(type, key)) ?? []).map((a) => a.where.split(/[.( ]/)[0]))].sort();
    // a model from the catalog's lists and relations, literature's node, search, searchText, supports and
    // path, risks' examples
    expect(reachedBy('Model', 'esmfold')).toEqual([
      'GraphEdge',
      'Query',
      'Result',
      'TextSearchConnection',
      'TextSearchEdge',
      'node',
      'nodes',
      'search',
    ]);
    expect(reachedBy('Model', 'chatgpt')).toEqual(expect.arrayContaining(['ModelConnection', 'Risk']));
    expect(reachedBy('Model', 'llama')).toContain('Citation');
    // a sector from a dataset, a model and a task (catalog), and from node and search (literature)
    expect(reachedBy('Sector', 'bioinformatics')).toEqual(
      expect.arrayContaining(['Dataset', 'Model', 'Task']),
    );
    expect(reachedBy('Sector', 'public-health')).toEqual(expect.arrayContaining(['node', 'nodes', 'search']));
    // a risk from a model's risks (risks) and from node and search; a dataset from a risk's examples
    expect(reachedBy('Risk', 'privacy')).toEqual(expect.arrayContaining(['Model', 'node', 'search']));
    expect(reachedBy('Dataset', 'big-fantastic-database')).toEqual(
      expect.arrayContaining(['Risk', 'Sector']),
    );
    // a reference from a model's and a sector's citations, and from node and search
    expect(reachedBy('Citation', 84)).toEqual(expect.arrayContaining(['Model', 'Sector', 'node', 'search']));
  });
});

describe("the routers' answers are the paper's", () => {
  const models = new Map(data.models.map((m) => [m.slug, m]));
  const citation = (n: number) => data.citations.find((c) => c.number === n)!;
  const each = async (p: Probe) => (await answers(p)).map((r) => r.data);

  it("ModelPage: ESMfold's 15B parameters, its training data and its reference [84]", async () => {
    const esmfold = models.get('esmfold')!;
    expect(esmfold.parameters.display).toBe('15B');
    for (const answer of await each(probe('ModelPage {"slug":"esmfold"}'))) {
      expect(at(answer, 'model', 'parameters')).toEqual(esmfold.parameters);
      expect(list(at(answer, 'model', 'trainedOn')).map((d) => at(d, 'slug'))).toEqual(esmfold.trainedOn);
      expect(list(at(answer, 'model', 'citations'))).toEqual([{ number: 84, label: citation(84).label }]);
    }
  });

  it('CitationSupports: reference [84] is labelled ESMfold and supports the ESMfold model', async () => {
    expect(citation(84).label).toBe('ESMfold');
    for (const answer of await each(probe('CitationSupports {"number":84}'))) {
      expect(at(answer, 'citation', 'label')).toBe('ESMfold');
      expect(list(at(answer, 'citation', 'mentions'))).toEqual(citation(84).mentions);
      expect(list(at(answer, 'citation', 'supports'))).toEqual([
        { __typename: 'Model', id: gid('Model', 'esmfold'), slug: 'esmfold', name: 'ESMfold' },
      ]);
    }
  });

  it("node(id: Sector): public health's citations are the references of Section III-F, [136] to [143]", async () => {
    const inSection = data.citations
      .filter((c) => c.mentions.some((m) => m.section === 'Section III-F'))
      .map((c) => c.number);
    expect(inSection).toEqual([136, 137, 138, 139, 140, 141, 142, 143]);
    for (const answer of await each(probe('node(id: Sector)'))) {
      expect(at(answer, 'node', 'slug')).toBe('public-health');
      expect(list(at(answer, 'node', 'citations')).map((c) => at(c, 'id'))).toEqual(
        inSection.map((n) => gid('Citation', n)),
      );
    }
    for (const answer of await each(probe('SectorOverview {"slug":"public-health"}')))
      expect(list(at(answer, 'sector', 'citations')).map((c) => at(c, 'number'))).toEqual(inSection);
  });

  it('nodes: every type in the order asked, null for unknown, wrongly typed and malformed ids', async () => {
    const p = probe('nodes(ids: one of every type, unknown, wrongly typed, malformed and repeated ids)');
    const asked = list(at(p.variables, 'ids'));
    const known = new Map(Object.entries(NODE_IDS).map(([type, id]) => [id, type]));
    expect(asked.filter((id) => !known.has(id as string))).toHaveLength(3);
    for (const answer of await each(p))
      expect(
        list(at(answer, 'nodes')).map((n) => (n === null ? null : [at(n, '__typename'), at(n, 'id')])),
      ).toEqual(asked.map((id) => (known.has(id as string) ? [known.get(id as string), id] : null)));
  });

  it('search: each term finds what it names, of each type', async () => {
    const expected: [string, string, string | number][] = [
      ['esmfold', 'Model', 'esmfold'],
      ['esmfold', 'Citation', 84],
      ['casp14', 'Dataset', 'casp14'],
      ['msa-free', 'Task', 'msa-free-protein-sequence-prediction'],
      ['tm score', 'Metric', 'tm-score'],
      ['privacy', 'Risk', 'privacy'],
      ['public health', 'Sector', 'public-health'],
      ['[87]', 'Citation', 87],
    ];
    expect([...new Set(expected.map(([term]) => term))]).toEqual(SEARCH_TERMS);
    for (const [term, type, key] of expected)
      for (const answer of await each(probe(`search(query: ${JSON.stringify(term)})`)))
        expect(list(at(answer, 'search')).map((h) => at(h, 'id'))).toContain(gid(type, key));
  });

  it('Audits.uncitedEntities (@requires): the models, datasets, tasks and risks no reference supports', async () => {
    const uncited = [
      ...data.models.filter((m) => m.citations.length === 0).map((m) => gid('Model', m.slug)),
      ...data.datasets.filter((d) => d.citations.length === 0).map((d) => gid('Dataset', d.slug)),
      ...data.tasks.filter((t) => t.citations.length === 0).map((t) => gid('Task', t.slug)),
      ...data.risks.filter((r) => r.citations.length === 0).map((r) => gid('Risk', r.slug)),
    ].sort();
    expect(uncited).toContain(gid('Dataset', 'mount-sinai-ecg-data'));
    for (const answer of await each(probe('AuditUncitedEntities {}')))
      expect(
        list(at(answer, 'audits', 'uncitedEntities'))
          .map((e) => at(e, 'id'))
          .sort(),
      ).toEqual(uncited);
  });

  it('where: the models the paper cites only in Section III-D, under every router', async () => {
    for (const answer of await each(
      probe('where: models the paper cites only in Section III-D, with their citations'),
    )) {
      expect(at(answer, 'models', 'totalCount')).toBe(18);
      expect(
        list(at(answer, 'models', 'nodes'))
          .slice(0, 3)
          .map((m) => at(m, 'slug')),
      ).toEqual(['chatgpt', 'palm', 'instructgpt']);
    }
  });

  it("Mitigation.citations (risks returns a Citation only literature resolves): privacy's refusal fine-tuning cites [166], and names its risk", async () => {
    const privacy = data.risks.find((r) => r.slug === 'privacy')!;
    const mitigations = privacy.mitigations.map((m) => m.citations.map((n) => gid('Citation', n)));
    expect(mitigations).toEqual([[gid('Citation', 166)]]);
    for (const answer of await each(probe('Mitigation.{risk, citations} (risks)'))) {
      const answered = list(at(answer, 'risk', 'mitigations'));
      expect(answered.map((m) => list(at(m, 'citations')).map((c) => at(c, 'id')))).toEqual(mitigations);
      expect(answered.map((m) => at(m, 'risk', 'id'))).toEqual([gid('Risk', 'privacy')]);
    }
  });
});
