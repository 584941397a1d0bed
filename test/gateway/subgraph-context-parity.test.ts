import { GraphQLObjectType, GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import { InProcessApp } from '../../src/app/in-process';
import { SUBGRAPH_MODULES } from '../../src/subgraphs';
import { EXECUTIONS, gatewayQuery, startInProcess } from '../helpers/app';

// What a subgraph's resolver sees of its request, fused and planned: the schema in `info` and the fields
// of its context, the caller's identity among them. Curation reads the identity, and resolvers may read
// their schema: both must be the same whichever way the gateway runs the operation.

interface Seen {
  field: string;
  ownSchema: boolean;
  contextFields: string[];
  identity: { sub: string; role: string; iat: string };
}

const seen: Seen[] = [];

/** Records what the resolver of `type.field` in `schema` is called with, then calls it. */
function watch(schema: GraphQLSchema, type: string, field: string): void {
  const definition = (schema.getType(type) as GraphQLObjectType).getFields()[field];
  const resolve = definition.resolve!;
  definition.resolve = (parent, args, context: Record<string, unknown>, info: GraphQLResolveInfo) => {
    const identity = context.identity as { sub: string; role: string; iat: unknown } | undefined;
    seen.push({
      field: `${type}.${field}`,
      ownSchema: info.schema === schema,
      contextFields: Object.keys(context).sort(),
      identity: identity && { sub: identity.sub, role: identity.role, iat: typeof identity.iat },
    } as Seen);
    return resolve(parent, args, context, info);
  };
}

const WATCHED = { catalog: [['Query', 'sectors']], literature: [['Sector', 'citations']] } as const;
for (const [name, fields] of Object.entries(WATCHED)) {
  const module = SUBGRAPH_MODULES[name as keyof typeof WATCHED];
  const build = module.build.bind(module);
  module.build = async () => {
    const built = await build();
    for (const [type, field] of fields) watch(built.schema, type, field);
    return built;
  };
}

describe("a subgraph resolver's info.schema and context, fused and planned", () => {
  const answers: Record<string, Seen[]> = {};
  const apps: InProcessApp[] = [];
  beforeAll(async () => {
    for (const execution of EXECUTIONS) {
      const app = await startInProcess(1, execution);
      apps.push(app);
      seen.length = 0;
      const res = await gatewayQuery(app, '{ sectors { name citations { number } } }');
      expect(res.errors).toBeUndefined();
      answers[execution] = [...seen];
    }
  });
  afterAll(() => Promise.all(apps.map((a) => a.close())));

  it.each(EXECUTIONS)(
    '%s: a root field and a field reached by an entity call see their own schema and the anonymous reader',
    (execution) => {
      const calls = answers[execution];
      expect(new Set(calls.map((c) => c.field))).toEqual(new Set(['Query.sectors', 'Sector.citations']));
      for (const call of calls) {
        expect(call.ownSchema).toBe(true);
        expect(call.identity).toEqual({ sub: 'anonymous', role: 'reader', iat: 'number' });
      }
    },
  );

  it('the same context fields in both, field by field', () => {
    const fieldsOf = (calls: Seen[]) =>
      Object.fromEntries(
        calls.map((c) => [c.field, { contextFields: c.contextFields, ownSchema: c.ownSchema }]),
      );
    expect(fieldsOf(answers.fused)).toEqual(fieldsOf(answers.planned));
    expect(fieldsOf(answers.fused)['Query.sectors'].contextFields).toContain('identity');
  });
});
