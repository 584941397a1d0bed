import { gql } from 'graphql-request';
import { GraphQLResponse, JsonObject } from '../helpers/graphql';
import * as match from '../helpers/match';
import { RunningServer, startOneProcess, startSeparateServices } from '../helpers/http';

type Named = { name: string };
interface ModelPage {
  model: { name: string; risks: Named[]; results: unknown[]; citations: unknown[] } & JsonObject;
}

const MODEL_PAGE = gql`
  query ModelPage($slug: String!) {
    model(slug: $slug) {
      id
      name
      aliases
      type
      parameters {
        value
        display
        bound
      }
      access
      trainingDataNote
      trainedOn {
        slug
        name
        access
      }
      results {
        display
        metric {
          name
        }
        dataset {
          name
        }
        task {
          name
          sector {
            name
          }
        }
      }
      citations {
        number
        label
        mentions {
          section
        }
      }
      risks {
        name
        mitigations {
          name
        }
      }
      source {
        location
        quote
      }
    }
  }
`;

const modes: [string, () => Promise<RunningServer>][] = [
  ['one process (npm start)', () => startOneProcess()],
  ['subgraphs as separate services (npm run start:gateway)', () => startSeparateServices()],
];

describe.each(modes)('over real HTTP on port 0: %s', (_, start) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(() => server?.stop());

  it('reports every subgraph healthy', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect((await res.json()) as unknown).toEqual({
      status: 'ok',
      subgraphs: { catalog: 'up', risks: 'up', literature: 'up' },
    });
  });

  it("answers searchText with the owners' fields of each hit, across the subgraphs", async () => {
    type Hit = { field: string; snippet: string; node: { __typename: string; name?: string } };
    const data = await server.client.request<{ searchText: { totalCount: number; edges: Hit[] } }>(
      gql`
        query ($q: String!) {
          searchText(query: $q, types: [RISK, MITIGATION], first: 5) {
            totalCount
            edges {
              field
              snippet
              node {
                __typename
                ... on Risk {
                  name
                }
                ... on Mitigation {
                  name
                }
              }
            }
          }
        }
      `,
      { q: 'hallucination' },
    );
    // data/risks.json: the reliability risk's summary says LLMs hallucinate
    expect(data.searchText.totalCount).toBe(1);
    expect(data.searchText.edges).toEqual([
      {
        field: 'summary',
        snippet: match.stringContaining('[[hallucinate]] factually incorrect'),
        node: { __typename: 'Risk', name: 'Reliability' },
      },
    ]);
  });

  it("serves a frontend's model page with graphql-request, across the three subgraphs", async () => {
    const data = await server.client.request<ModelPage>(MODEL_PAGE, { slug: 'gpt-3' });
    expect(data.model.name).toBe('GPT-3');
    expect(data.model.risks.map((r) => r.name)).toContain('Sustainability');
    const esm = await server.client.request<ModelPage>(MODEL_PAGE, { slug: 'esmfold' });
    expect(esm.model).toMatchObject({
      parameters: { value: 15e9, display: '15B', bound: 'EXACT' },
      type: 'LLM',
    });
    expect(esm.model.results[0]).toMatchObject({
      display: '0.68',
      dataset: { name: 'CASP14' },
      task: { sector: { name: 'Bioinformatics' } },
    });
    expect(esm.model.citations).toContainEqual({
      number: 84,
      label: 'ESMfold',
      mentions: [{ section: 'Section III-A' }],
    });
  });

  it('answers a dataset page and the audits', async () => {
    const data = await server.client.request<{ dataset: JsonObject; audits: { uncitedEntities: unknown[] } }>(
      gql`
        {
          dataset(slug: "mount-sinai-ecg-data") {
            name
            access
            scale
            size {
              value
              display
            }
            risks {
              name
            }
            citations {
              number
            }
          }
          audits {
            risksWithoutMitigation {
              name
            }
            uncitedEntities {
              __typename
            }
          }
        }
      `,
    );
    expect(data.dataset).toMatchObject({ access: 'CLOSED', risks: [{ name: 'Data' }] });
    expect(data.audits.uncitedEntities.length).toBeGreaterThan(0);
  });

  it('answers where, orderBy and backward paging on the catalog lists, and refuses a where too deep', async () => {
    type Slug = { slug: string };
    const data = await server.client.request<{
      models: { totalCount: number; nodes: Slug[] };
      sector: { models: { totalCount: number; nodes: Slug[] } };
      tasks: { nodes: Slug[]; pageInfo: { hasPreviousPage: boolean } };
    }>(
      gql`
        query ($section: String!) {
          models(
            first: 3
            where: { citations: { some: { section: { eq: $section } }, all: { section: { eq: $section } } } }
          ) {
            totalCount
            nodes {
              slug
            }
          }
          sector(slug: "medical-imaging") {
            models(
              where: { access: { eq: OPEN } }
              orderBy: { field: PARAMETERS, direction: DESC }
              first: 2
            ) {
              totalCount
              nodes {
                slug
              }
            }
          }
          tasks(last: 1) {
            nodes {
              slug
            }
            pageInfo {
              hasPreviousPage
            }
          }
        }
      `,
      { section: 'Section III-D' },
    );
    expect(data.models).toEqual({
      totalCount: 18,
      nodes: [{ slug: 'chatgpt' }, { slug: 'palm' }, { slug: 'instructgpt' }],
    });
    expect(data.sector.models).toEqual({ totalCount: 4, nodes: [{ slug: 'stu-net' }, { slug: 'sam' }] });
    expect(data.tasks).toEqual({
      nodes: [{ slug: 'zero-shot-medical-image-classification' }],
      pageInfo: { hasPreviousPage: true },
    });
    const deep = `{ datasets(where: ${'{ NOT: '.repeat(14)}{ slug: { eq: "x" } }${' }'.repeat(14)}) { totalCount } }`;
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: deep }),
    });
    const body = (await res.json()) as GraphQLResponse;
    expect(body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('round-trips node ids', async () => {
    type Risk = { id: string; name: string };
    const data = await server.client.request<{ risks: Risk[] }>(gql`
      {
        risks {
          id
          name
        }
      }
    `);
    const back = await server.client.request<{ nodes: Risk[] }>(
      gql`
        query ($ids: [ID!]!) {
          nodes(ids: $ids) {
            ... on Risk {
              id
              name
            }
          }
        }
      `,
      { ids: data.risks.map((r) => r.id) },
    );
    expect(back.nodes).toEqual(data.risks);
  });

  it('answers a leaderboard, and refuses a filter slug that names nothing with the nearest one', async () => {
    type Board = {
      metric: { higherIsBetter: boolean };
      entries: { rank: number; result: { display: string } }[];
    };
    const data = await server.client.request<{ leaderboard: Board }>(gql`
      {
        leaderboard(task: "global-weather-forecast", metric: "rmse", dataset: "era5") {
          metric {
            higherIsBetter
          }
          entries {
            rank
            result {
              display
            }
          }
        }
      }
    `);
    expect(data.leaderboard).toEqual({
      metric: { higherIsBetter: false },
      entries: [
        { rank: 1, result: { display: '296.7' } },
        { rank: 2, result: { display: '333.7' } },
      ],
    });
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ models(filter: { sector: "Medical Imaging" }) { totalCount } }' }),
    });
    const body = (await res.json()) as GraphQLResponse;
    expect(body.errors?.[0]).toMatchObject({
      message: match.stringContaining('the nearest is "medical-imaging"'),
      extensions: { code: 'BAD_USER_INPUT', argument: 'filter.sector', nearest: 'medical-imaging' },
    });
  });

  it('answers bad requests with clear errors and stays up', async () => {
    const post = (body: string, type = 'application/json') =>
      fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': type }, body });
    const firstError = async (res: Response) => ((await res.json()) as GraphQLResponse).errors?.[0];
    const syntax = await post(JSON.stringify({ query: '{ models(first: 5) { nodes { name } }' }));
    expect((await firstError(syntax))?.message).toMatch(/Syntax Error/);
    const unknown = await post(JSON.stringify({ query: '{ models { nodes { colour } } }' }));
    expect((await firstError(unknown))?.message).toMatch(/Cannot query field "colour" on type "Model"/);
    const variables = await post(
      JSON.stringify({
        query: 'query($n: Int!) { citation(number: $n) { label } }',
        variables: { n: 'eighty-four' },
      }),
    );
    expect((await firstError(variables))?.message).toMatch(/Variable "\$n" got invalid value "eighty-four"/);
    const json = await post('{"query": ');
    expect(json.status).toBe(400);
    const paging = await post(JSON.stringify({ query: '{ models(first: 501) { totalCount } }' }));
    expect(await firstError(paging)).toMatchObject({
      message: match.stringMatching(/at most 500/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const ok = await server.client.request<{ citation: { label: string } }>(gql`
      {
        citation(number: 84) {
          label
        }
      }
    `);
    expect(ok.citation.label).toBe('ESMfold');
  });
});
