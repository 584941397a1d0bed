import { gql } from 'graphql-request';
import { expectStats, Group, groupsOf, paperData, StatsJson, statsOf } from '../helpers/aggregates';
import { RunningServer, startOneProcess, startSeparateServices } from '../helpers/http';

// The aggregate questions over real HTTP, in one process and with the subgraphs as services.

const data = paperData();

const modes: [string, () => Promise<RunningServer>][] = [
  ['one process (npm start)', () => startOneProcess()],
  ['subgraphs as separate services (npm run start:gateway)', () => startSeparateServices()],
];

interface Answer {
  models: { aggregate: { count: number; type: Group[]; access: Group[] } };
  llms: { aggregate: { count: number; parameters: StatsJson } };
  datasets: { aggregate: { groupBy: Group[] } };
  results: { aggregate: { count: number; value: StatsJson } };
  citations: { aggregate: { groupBy: Group[] } };
}

describe.each(modes)('aggregates over real HTTP on port 0: %s', (_, start) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await start();
  });
  afterAll(() => server?.stop());

  it('answers how many models per type and access, and the other aggregates of the issue', async () => {
    const answer = await server.client.request<Answer>(gql`
      {
        models {
          aggregate {
            count
            type: groupBy(field: TYPE) {
              key
              count
            }
            access: groupBy(field: ACCESS) {
              key
              count
            }
          }
        }
        llms: models(filter: { type: [LLM] }) {
          aggregate {
            count
            parameters {
              count
              min
              max
              avg
              sum
            }
          }
        }
        datasets {
          aggregate {
            groupBy(field: MODALITY) {
              key
              count
            }
          }
        }
        results(filter: { metric: "dice" }) {
          aggregate {
            count
            value {
              count
              min
              max
              avg
              sum
            }
          }
        }
        citations {
          aggregate {
            groupBy(field: SECTION) {
              key
              count
            }
          }
        }
      }
    `);
    expect(answer.models.aggregate).toEqual({
      count: data.models.length,
      type: groupsOf(data.models, (m) => [m.type ?? null]),
      access: groupsOf(data.models, (m) => [m.access]),
    });
    const llms = data.models.filter((m) => m.type === 'LLM');
    expect(answer.llms.aggregate.count).toBe(llms.length);
    expectStats(answer.llms.aggregate.parameters, statsOf(llms.map((m) => m.parameters.value)));
    expect(answer.datasets.aggregate.groupBy).toEqual(groupsOf(data.datasets, (d) => d.modalities));
    const dice = data.results.filter((r) => r.metric === 'dice');
    expect(answer.results.aggregate.count).toBe(dice.length);
    expectStats(answer.results.aggregate.value, statsOf(dice.map((r) => r.value)));
    expect(answer.citations.aggregate.groupBy).toEqual(
      groupsOf(data.citations, (c) => c.mentions.map((mn) => mn.section)),
    );
  });
});
