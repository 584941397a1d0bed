import * as fs from 'fs';
import * as path from 'path';
import { DATA_DIR, EXECUTIONS, queryInProcess, seededConfig } from '../helpers/app';
import { directSubgraph, DirectSubgraph, ENTITIES, gid } from '../helpers/subgraph';

// The references the paper cites in each sector's section (Table: sectors.json gives the section,
// citations.json the mentions), read from data/ independently of the stores.
const sectors = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'sectors.json'), 'utf8')) as {
  slug: string;
  section: string;
}[];
const citations = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'citations.json'), 'utf8')) as {
  number: number;
  mentions: { section: string }[];
}[];
const citedIn = (slug: string): number[] => {
  const section = `Section ${sectors.find((s) => s.slug === slug)!.section}`;
  return citations.filter((c) => c.mentions.some((m) => m.section === section)).map((c) => c.number);
};
type Cited = { slug?: string; citations: { number: number }[] };
const numbers = (list: { number: number }[]) => list.map((c) => c.number);
const PUBLIC_HEALTH = gid('Sector', 'public-health');

describe("a sector's citations, by every way of reaching the sector", () => {
  it('are the references of its section: public health (III-F) cites [136]-[143]', () => {
    expect(citedIn('public-health')).toEqual([136, 137, 138, 139, 140, 141, 142, 143]);
  });

  describe('the literature subgraph alone', () => {
    let literature: DirectSubgraph;
    beforeAll(async () => {
      literature = await directSubgraph(await seededConfig(), 'literature');
    });
    afterAll(() => literature?.close());

    it('answers them from the key alone: Sector.citations needs no field of the catalog', async () => {
      expect(literature.subgraph.sdl).not.toMatch(/@requires\(fields: "section"\)/);
      const res = await literature.run<{ _entities: Cited[] }>(
        `${ENTITIES} fragment F on Sector { citations { number } }`,
        {
          reps: sectors.map((s) => ({ __typename: 'Sector', id: gid('Sector', s.slug) })),
        },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities.map((e) => numbers(e.citations))).toEqual(
        sectors.map((s) => citedIn(s.slug)),
      );
    });
  });

  describe.each(EXECUTIONS)('the gateway, %s', (execution) => {
    const q = queryInProcess(execution);
    const expected = citedIn('public-health');

    it.each([
      [
        'node',
        `{ r: node(id: "${PUBLIC_HEALTH}") { ... on Sector { citations { number } } } }`,
        (d: { r: Cited }) => d.r,
      ],
      [
        'nodes',
        `{ r: nodes(ids: ["${PUBLIC_HEALTH}", "nope"]) { ... on Sector { citations { number } } } }`,
        (d: { r: Cited[] }) => d.r[0],
      ],
      [
        'search',
        `{ r: search(query: "public health") { ... on Sector { citations { number } } } }`,
        (d: { r: Cited[] }) => d.r[0],
      ],
      [
        'sectors',
        `{ r: sectors { slug citations { number } } }`,
        (d: { r: Cited[] }) => d.r.find((s) => s.slug === 'public-health'),
      ],
      [
        'a relation',
        `{ r: dataset(slug: "era5") { sector { citations { number } } } }`,
        (d: { r: { sector: Cited } }) => d.r.sector,
      ],
    ])('through %s', async (_how, query, pick) => {
      const res = await q<never>(query);
      expect(res.errors).toBeUndefined();
      expect(numbers((pick as (d: unknown) => Cited | undefined)(res.data)!.citations)).toEqual(expected);
    });
  });
});
