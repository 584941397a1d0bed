import * as fs from 'fs';
import * as path from 'path';
import { buildSubgraphs } from '../../src/app/subgraphs';
import { LocalSubgraph } from '../../src/gateway/local-transport';
import { buildFusedSchema } from '../../src/gateway/fused-schema';
import { createGateway } from '../../src/gateway/gateway';

const SUPERGRAPH = fs.readFileSync(path.resolve(__dirname, '../../supergraph.graphql'), 'utf8');
const API_SCHEMA = fs.readFileSync(path.resolve(__dirname, '../../schema.graphql'), 'utf8');

/** The checked-in supergraph with one line changed (the line must be there, once). */
function probe(from: string, to: string): string {
  expect(SUPERGRAPH.split(from)).toHaveLength(2);
  return SUPERGRAPH.replace(from, to);
}

// Supergraphs that use what the fused engine does not implement; each is refused by name, where the
// planned path (any Federation 2 router) would answer differently from a fused reading that ignored it.
const PROBES: [string, string, string][] = [
  [
    '@provides',
    probe(
      'citation(number: Int!): Citation @join__field(graph: LITERATURE)',
      'citation(number: Int!): Citation @join__field(graph: LITERATURE, provides: "label")',
    ),
    'Query.citation: @provides',
  ],
  [
    '@override with a label',
    probe(
      'audits: Audits! @join__field(graph: CATALOG)',
      'audits: Audits! @join__field(graph: CATALOG, override: "risks", overrideLabel: "percent(100)")',
    ),
    'Query.audits: a progressive @override (override label)',
  ],
  [
    'a scalar defined in two subgraphs',
    `${SUPERGRAPH}\nscalar Score @join__type(graph: CATALOG) @join__type(graph: RISKS)\n`,
    'scalar Score: defined in 2 subgraphs',
  ],
  [
    'a field typed String! in its subgraph and String in the supergraph',
    // Risk's notes: the line after its slug (a mitigation's notes read alike)
    probe(
      '  slug: String! @join__field(graph: RISKS)\n  """\n  what the paper leaves ambiguous about this fact, if anything\n  """\n  notes: String @join__field(graph: RISKS)\n',
      '  slug: String! @join__field(graph: RISKS)\n  """\n  what the paper leaves ambiguous about this fact, if anything\n  """\n  notes: String @join__field(graph: RISKS, type: "String!")\n',
    ),
    'Risk.notes: typed String! in risks, String in the supergraph',
  ],
  [
    '@fromContext',
    probe(
      'citation(number: Int!): Citation @join__field(graph: LITERATURE)',
      'citation(number: Int!): Citation @join__field(graph: LITERATURE, contextArguments: [])',
    ),
    'Query.citation: @fromContext (context arguments)',
  ],
  [
    '@join__directive',
    `${SUPERGRAPH}\nextend schema @join__directive(graphs: [CATALOG], name: "cost", args: {})\n`,
    'schema: @join__directive',
  ],
  [
    'a field an object reaches only in more than one step (a value type whose fields differ by subgraph)',
    `${probe(
      'audits: Audits! @join__field(graph: CATALOG)',
      'audits: Audits! @join__field(graph: CATALOG)\n  probe: Probe @join__field(graph: CATALOG)',
    )}\ntype Probe @join__type(graph: CATALOG) @join__type(graph: RISKS) {\n  id: ID!\n  name: String @join__field(graph: RISKS)\n}\n`,
    'Probe.name: a Probe from catalog reaches risks in more than one step (no key of theirs that catalog resolves)',
  ],
  [
    'a join directive of a newer spec',
    probe(
      'audits: Audits! @join__field(graph: CATALOG)',
      'audits: Audits! @join__field(graph: CATALOG) @join__future',
    ),
    'Query.audits: @join__future',
  ],
];

describe('the fused engine refuses, by name, the federation features it does not implement', () => {
  let local: Record<string, LocalSubgraph>;
  beforeAll(async () => {
    const subgraphs = await buildSubgraphs();
    local = Object.fromEntries(
      Object.entries(subgraphs).map(([n, s]) => [n, { schema: s.schema, createContext: () => ({}) }]),
    );
  });

  it('accepts the checked-in supergraph', () => {
    expect('unsupported' in buildFusedSchema(SUPERGRAPH, API_SCHEMA, local)).toBe(false);
  });

  it.each(PROBES)('%s', (_feature, supergraph, named) => {
    const result = buildFusedSchema(supergraph, API_SCHEMA, local);
    expect('unsupported' in result && result.unsupported).toEqual([named]);
    expect(() =>
      createGateway({ supergraph, production: false, fused: { apiSchema: API_SCHEMA, subgraphs: local } }),
    ).toThrow(`the supergraph cannot run fused in one process: ${named}`);
  });
});
