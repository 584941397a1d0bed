import { Kind, parse } from 'graphql';
import { InProcessApp } from '../../src/app/in-process';
import { costDirectivesOf, costModel, DEFAULT_LIMITS, operationCost } from '../../src/gateway/limits';
import { gatewayQuery, startInProcess } from '../helpers/app';
import * as match from '../helpers/match';

let app: InProcessApp;
beforeAll(async () => {
  app = await startInProcess();
});
afterAll(() => app?.close());

const q = (query: string, variables?: Record<string, unknown>) => gatewayQuery(app, query, variables);

/** Each abusive operation is refused with its own code and a message naming the limit, before any subgraph is called. */
async function expectRefused(
  query: string,
  code: string,
  message: RegExp,
  variables?: Record<string, unknown>,
) {
  app.gateway.stats.reset();
  const res = await q(query, variables);
  expect(res.data ?? null).toBeNull();
  expect(res.errors?.[0]).toMatchObject({ message: match.stringMatching(message), extensions: { code } });
  expect(app.gateway.stats.total).toBe(0);
}

describe('operation limits, on by default', () => {
  it('refuse an operation nested deeper than 12', async () => {
    const deep =
      '{ sectors { tasks { nodes { sector { tasks { nodes { sector { tasks { nodes { sector { tasks { nodes { name } } } } } } } } } } } } }';
    await expectRefused(deep, 'MAX_DEPTH_EXCEEDED', /depth 13 exceeds the limit of 12/);
  });

  it('count depth through fragments', async () => {
    const viaFragments = `{ sectors { ...S } } fragment S on Sector { tasks { nodes { sector { tasks { nodes { ...T } } } } } }
      fragment T on Task { sector { tasks { nodes { sector { tasks { nodes { name } } } } } } }`;
    await expectRefused(viaFragments, 'MAX_DEPTH_EXCEEDED', /exceeds the limit of 12/);
  });

  it('refuse too many aliases, root fields and directives', async () => {
    const aliases = `{ sectors { ${Array.from({ length: 31 }, (_, i) => `a${i}: name`).join(' ')} } }`;
    await expectRefused(aliases, 'MAX_ALIASES_EXCEEDED', /aliases 31 exceeds the limit of 30/);
    const roots = `{ ${Array.from({ length: 21 }, (_, i) => `r${i}: metrics { name }`).join(' ')} }`;
    await expectRefused(roots, 'MAX_ROOT_FIELDS_EXCEEDED', /root fields 21 exceeds the limit of 20/);
    const directives = `{ sectors { ${Array.from({ length: 21 }, () => 'name @include(if: true)').join(' ')} } }`;
    await expectRefused(directives, 'MAX_DIRECTIVES_EXCEEDED', /directives 21 exceeds the limit of 20/);
  });

  it('refuse a document of more than 5000 tokens', async () => {
    const huge = `{ sectors { ${'name '.repeat(5001)} } }`;
    await expectRefused(huge, 'MAX_TOKENS_EXCEEDED', /more than 5000 tokens/);
  });

  it('refuse an operation whose cost, counting page sizes, is over the limit', async () => {
    const wide =
      '{ sectors { models(first: 500) { nodes { results { dataset { evaluations(first: 500) { nodes { display } } } } } } } }';
    await expectRefused(wide, 'COST_LIMIT_EXCEEDED', /cost \d+ exceeds the limit of 50000/);
    const viaVariables =
      'query($n: Int) { models(first: $n) { nodes { results { dataset { usedToTrain(first: $n) { nodes { name } } } } } } }';
    await expectRefused(viaVariables, 'COST_LIMIT_EXCEEDED', /exceeds the limit/, { n: 500 });
  });

  it('let the nested model query and the frontend pages through', async () => {
    const res = await q(
      `{ models(first: 100) { totalCount nodes { name results { display metric { name } dataset { name } task { sector { name } } } citations { number } risks { name } } } }`,
    );
    expect(res.errors).toBeUndefined();
  });

  it('cost a connection by its page size', async () => {
    const schema = await app.gateway.runtime.getSchema();
    const model = costModel(DEFAULT_LIMITS, costDirectivesOf(app.composition.supergraph));
    const cost = (src: string) => {
      const doc = parse(src);
      const op = doc.definitions[0];
      if (op.kind !== Kind.OPERATION_DEFINITION) throw new Error(`not an operation: ${src}`);
      return operationCost(schema, doc, op, {}, model).cost;
    };
    expect(cost('{ models(first: 10) { nodes { name } } }')).toBe(1 + 10);
    // a model's results: at most 3 (its @listSize); each result and its metric cost 1
    expect(cost('{ models(first: 10) { nodes { results { metric { name } } } } }')).toBe(
      1 + 10 * (1 + 3 * (1 + 1)),
    );
    expect(cost('{ models { nodes { name } } }')).toBe(1 + 50);
  });
});
