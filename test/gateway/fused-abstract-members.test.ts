import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { composeSupergraph } from '../../src/gateway/compose';
import { createGateway, Gateway } from '../../src/gateway/gateway';
import { localTransport } from '../../src/gateway/local-transport';

// Subgraph a's Node has one member (Toaster); the supergraph's has two (b makes Oven a Node too). When a
// returns an Oven as a Node, a's own executor refuses it, so planned answers null with an error: the
// fused engine must too, not the Oven the supergraph would allow (the audit's union-interface-distributed).
const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';
const SDL = {
  a: `${LINK}
    type Query { node(id: ID!): Node toasters: [Toaster] }
    interface Node { id: ID! }
    type Oven @key(fields: "id") { id: ID! }
    type Toaster implements Node @key(fields: "id") { id: ID! warranty: Int }`,
  b: `${LINK}
    interface Node { id: ID! }
    type Oven implements Node @key(fields: "id") { id: ID! warranty: Int }`,
};
const subgraphs = {
  a: {
    schema: buildSubgraphSchema({
      typeDefs: parse(SDL.a),
      resolvers: {
        Query: {
          node: (_: unknown, { id }: { id: string }) => ({
            __typename: id.startsWith('oven') ? 'Oven' : 'Toaster',
            id,
          }),
          toasters: () => [{ id: 'toaster1', warranty: 2 }],
        },
      },
    }),
    createContext: () => ({}),
  },
  b: {
    schema: buildSubgraphSchema({
      typeDefs: parse(SDL.b),
      resolvers: { Oven: { __resolveReference: (ref: { id: string }) => ({ ...ref, warranty: 1 }) } },
    }),
    createContext: () => ({}),
  },
};

describe('a type the subgraph does not make a member of an abstract type, fused and planned', () => {
  const { supergraph, apiSchema } = composeSupergraph(
    Object.entries(SDL).map(([name, sdl]) => ({ name, url: `http://${name}.invalid/graphql`, sdl })),
  );
  const gateways: Record<string, Gateway> = {
    planned: createGateway({
      supergraph,
      production: false,
      transport: localTransport(subgraphs),
      logging: false,
    }),
    fused: createGateway({
      supergraph,
      production: false,
      transport: localTransport(subgraphs),
      fused: { apiSchema, subgraphs },
      logging: false,
    }),
  };
  afterAll(() => Promise.all(Object.values(gateways).map((g) => g.dispose())));

  const ask = async (mode: string, query: string) => {
    const res = await gateways[mode].runtime.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = (await res.json()) as { data?: unknown; errors?: { message: string; path?: unknown }[] };
    return { data: body.data, errors: body.errors?.map((e) => ({ message: e.message, path: e.path })) };
  };

  it.each(['planned', 'fused'])("%s: null with the subgraph's error, for an Oven as a Node", async (mode) => {
    expect(await ask(mode, '{ node(id: "oven1") { id ... on Oven { warranty } } }')).toEqual({
      data: { node: null },
      errors: [{ message: 'Runtime Object type "Oven" is not a possible type for "Node".', path: ['node'] }],
    });
  });

  it.each(['planned', 'fused'])('%s: a Toaster as a Node, as usual', async (mode) => {
    expect(await ask(mode, '{ node(id: "toaster1") { id ... on Toaster { warranty } } }')).toEqual({
      data: { node: { id: 'toaster1', warranty: null } },
      errors: undefined,
    });
  });
});
