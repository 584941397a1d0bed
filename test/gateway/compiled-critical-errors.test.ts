import { buildSchema, GraphQLError, parse } from 'graphql';
import { compiledExecutor } from '../../src/gateway/compiled-execution';

// The runtime marks a query planning failure CRITICAL_ERROR: its own executor then answers data: null
// (the audit's corrupted-supergraph and non-resolvable-interface-object suites expect it), and so must
// the compiled executor that runs the gateway's operations in its place.
const schema = buildSchema('type Query { planned: String, failing: String, fine: String }');
const fields = schema.getQueryType()!.getFields();
fields.planned.resolve = () => {
  throw new GraphQLError('Was not able to find any options', { extensions: { CRITICAL_ERROR: true } });
};
fields.failing.resolve = () => Promise.reject(new Error('no'));
fields.fine.resolve = () => 'yes';

describe('compiled execution and critical errors', () => {
  const run = compiledExecutor();

  it('a critical error nulls the whole response, as the runtime executor does', async () => {
    const result = await run({ schema, document: parse('{ planned fine }') });
    expect(result.data).toBeNull();
    expect(result.errors?.map((e) => e.message)).toEqual(['Was not able to find any options']);
  });

  it('any other error nulls its field only', async () => {
    const result = await run({ schema, document: parse('{ failing fine }') });
    expect(result.data).toEqual({ failing: null, fine: 'yes' });
  });
});
