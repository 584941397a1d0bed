import { gql } from 'graphql-request';
import { RunningServer, startOneProcess, startSeparateServices } from '../helpers/http';

const gid = (type: string, key: string | number) => Buffer.from(`${type}:${key}`).toString('base64');
type Named = { __typename: string; name?: string; number?: number; display?: string };
type Edge = { relation: string; from: Named; to: Named };
const brief = (n: Named) => n.name ?? n.display ?? `[${n.number}]`;
const chain = (edges: Edge[]) => edges.map((e) => `${brief(e.from)} ${e.relation} ${brief(e.to)}`);

const NODE = `__typename ... on Model { name } ... on Dataset { name } ... on Sector { name } ... on Risk { name }
  ... on Result { display } ... on Citation { number }`;

const modes: [string, () => Promise<RunningServer>][] = [
  ['one process (npm start)', () => startOneProcess()],
  ['subgraphs as separate services (npm run start:gateway)', () => startSeparateServices()],
];

describe.each(modes)('where, citation ordering and traversal over real HTTP: %s', (_, start) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(() => server?.stop());

  it('risks whose examples include a closed model, and references of Section III-D by mentions', async () => {
    const data = await server.client.request<{
      risks: { name: string }[];
      citations: { totalCount: number; nodes: { number: number }[] };
    }>(
      gql`
        query Analyst($closed: RiskWhere, $section: CitationWhere) {
          risks(where: $closed) {
            name
          }
          citations(where: $section, orderBy: { field: MENTION_COUNT, direction: DESC }, first: 3) {
            totalCount
            nodes {
              number
            }
          }
        }
      `,
      {
        closed: { models: { some: { access: { eq: 'CLOSED' } } } },
        section: { section: { eq: 'Section III-D' } },
      },
    );
    expect(data.risks.map((r) => r.name)).toEqual(['Data', 'Privacy', 'Transparency']);
    expect(data.citations).toEqual({ totalCount: 28, nodes: [{ number: 19 }, { number: 1 }, { number: 9 }] });
  });

  it("ESMfold's neighbors and a path from it to Privacy", async () => {
    const data = await server.client.request<{
      neighbors: { nodes: Named[]; edges: Edge[] };
      path: Edge[];
      none: Edge[] | null;
    }>(
      `query($esm: ID!, $privacy: ID!) {
        neighbors(id: $esm) { nodes { ${NODE} } edges { relation from { ${NODE} } to { ${NODE} } } }
        path(from: $esm, to: $privacy) { relation from { ${NODE} } to { ${NODE} } }
        none: path(from: $esm, to: $privacy, maxDepth: 3) { relation }
      }`,
      { esm: gid('Model', 'esmfold'), privacy: gid('Risk', 'privacy') },
    );
    expect(data.neighbors.nodes.map(brief)).toEqual(['Bioinformatics', 'UniRef', '0.68', '[84]']);
    expect(chain(data.neighbors.edges)).toEqual([
      'ESMfold sectors Bioinformatics',
      'ESMfold trainedOn UniRef',
      'UniRef sector Bioinformatics',
      '0.68 model ESMfold',
      '[84] supports ESMfold',
    ]);
    expect(chain(data.path)).toEqual([
      'ESMfold sectors Bioinformatics',
      'Big Fantastic Database sector Bioinformatics',
      'Data datasets Big Fantastic Database',
      'Data models ChatGPT',
      'Privacy models ChatGPT',
    ]);
    expect(data.none).toBeNull();
  });

  it('a depth out of range is BAD_USER_INPUT with HTTP 200', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        query: 'query($id: ID!) { neighbors(id: $id, depth: 4) { center { id } } }',
        variables: { id: gid('Model', 'esmfold') },
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'depth', max: 3 });
  });
});
