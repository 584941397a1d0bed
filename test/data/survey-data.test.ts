import { readPaper } from '../../src/data/paper';
import type { SurveyData } from '../../src/data/schema';
import { loadSurveyData } from '../../src/data/validate';
import { DATA_DIR } from '../helpers/app';

let data: SurveyData;
beforeAll(() => {
  data = loadSurveyData(DATA_DIR);
});

const bySlug = <T extends { slug: string }>(rows: T[], slug: string): T => {
  const row = rows.find((r) => r.slug === slug);
  if (!row) throw new Error(`no record "${slug}"`);
  return row;
};

/** The English rows of Table I, as printed (the Chinese copy follows the separator). */
function tableOneRows(): string[] {
  const lines = readPaper(DATA_DIR).split('\n');
  const start = lines.findIndex((l) => l.startsWith('| Sector | Task | Model Name'));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('|---'));
  return lines.slice(start + 1, end).filter((l) => l.startsWith('|') && !/[\u4e00-\u9fff]/.test(l));
}

describe('the curated data holds the paper', () => {
  it('has the seven sectors of Section III, the ten risks of Section IV and all 191 references', () => {
    expect(data.sectors.map((s) => s.section)).toEqual([
      'III-A',
      'III-B',
      'III-C',
      'III-D',
      'III-E',
      'III-F',
      'III-G',
    ]);
    expect(data.risks.map((r) => r.slug)).toEqual([
      'data',
      'computation',
      'reliability',
      'privacy',
      'fairness',
      'toxicity',
      'transparency',
      'interpretability',
      'sustainability',
      'regulation',
    ]);
    expect(data.citations.map((c) => c.number)).toEqual(Array.from({ length: 191 }, (_, i) => i + 1));
  });

  it('has every row of Table I: 11 tasks, 22 models, each model with its results', () => {
    const rows = tableOneRows();
    expect(rows).toHaveLength(22);
    const tableTasks = data.tasks.filter((t) =>
      data.results.some((r) => r.task === t.slug && r.source.location === 'Table I'),
    );
    expect(tableTasks).toHaveLength(11);
    const tableModels = new Set(
      data.results.filter((r) => r.source.location === 'Table I').map((r) => r.model),
    );
    expect(tableModels.size).toBe(22);
  });

  it("has every number of Table I's performance column as a result", () => {
    const performance = tableOneRows().flatMap(
      (row) => row.match(/\d+(?:\.\d+)?%|\b0\.\d+\b|\b\d{3}\.\d\b/g) ?? [],
    );
    const tableResults = data.results.filter((r) => r.source.location === 'Table I').map((r) => r.display);
    // the performance numbers only: sizes such as 8.64 M and 1.4 B are not percentages or scores
    const expected = performance.filter((p) => !/^(8\.64|1\.4|14\.4)$/.test(p));
    expect(tableResults.slice().sort()).toEqual(expected.slice().sort());
    expect(tableResults).toHaveLength(28);
  });

  it('has the 12 printed rows of Table II with their access marks', () => {
    const table2 = data.datasets.filter((d) => d.source.location === 'Table II');
    expect(table2).toHaveLength(12);
    const access = Object.fromEntries(table2.map((d) => [d.slug, d.access]));
    expect(access['mount-sinai-ecg-data']).toBe('CLOSED');
    expect(access['uf-health-idr-clinical-note-database']).toBe('CLOSED');
    expect(access['clinical-practice-research-datalink']).toBe('ON_APPROVAL');
    expect(access['mimic-cxr']).toBe('OPEN');
    expect(bySlug(data.datasets, 'big-fantastic-database')).toMatchObject({
      scale: '2.1 B protein sequences, 393 B amino acids',
      size: { value: 2.1e9, bound: 'EXACT' },
    });
  });

  it('keeps the printed numbers and their bounds', () => {
    expect(bySlug(data.models, 'sam').parameters).toEqual({
      value: 636e6,
      display: '>636M',
      bound: 'AT_LEAST',
    });
    expect(bySlug(data.models, 'rna-fm').parameters).toEqual({
      value: null,
      display: 'N/R',
      bound: 'NOT_REPORTED',
    });
    expect(bySlug(data.models, 'ufold').parameters).toMatchObject({ value: 8.64e6, display: '8.64 M' });
    expect(bySlug(data.models, 'gpt-3-5').parameters.value).toBe(175e9);
    expect(bySlug(data.models, 'biobert').trainingDataNote).toBe('18 B words');
    expect(bySlug(data.results, 'rna-fm-archiveii600-f1-score')).toMatchObject({
      value: 94.1,
      display: '94.1%',
    });
    expect(bySlug(data.results, 'pangu-weather-era5-rmse').value).toBe(296.7);
    expect(bySlug(data.results, 'xtrimopglm-antibody-structure-prediction-tm-score').value).toBe(0.961);
    const sustainability = bySlug(data.risks, 'sustainability');
    expect(sustainability.figures.map((f) => [f.value, f.display])).toEqual([
      [1287, '1287 MWh'],
      [552, '552 tons'],
    ]);
    expect(bySlug(data.risks, 'computation').figures.map((f) => f.value)).toEqual(
      expect.arrayContaining([21, 2048, 1.4e12]),
    );
  });

  it('reads the OA column as printed: × is CLOSED, an empty cell (a lost ✓) is OPEN', () => {
    for (const slug of ['xtrimopglm', 'heartbeit', 'med-palm-2', 'gpt-3-5', 'gpt-4', 'operational-ifs'])
      expect(bySlug(data.models, slug).access).toBe('CLOSED');
    for (const slug of ['alphafold2', 'esmfold', 'sam', 'stu-net', 'pangu-weather'])
      expect(bySlug(data.models, slug).access).toBe('OPEN');
  });

  it('says where every fact comes from', () => {
    const sourced = [
      ...data.models,
      ...data.datasets,
      ...data.results,
      ...data.comparisons,
      ...data.risks,
      ...data.tasks,
    ];
    expect(sourced.every((r) => /^(Table I{1,2}|Section [IV]+(-[A-G])?)$/.test(r.source.location))).toBe(
      true,
    );
    const quoted = sourced.filter((r) => r.source.quote).length;
    expect(quoted / sourced.length).toBeGreaterThan(0.9);
  });

  it('links each reference the text names to the entity it names', () => {
    const labelled = data.citations.filter((c) => c.label);
    const entities = [...data.models, ...data.datasets];
    let linked = 0;
    for (const c of labelled) {
      const entity = entities.find((e) => e.name === c.label || e.aliases.includes(c.label!));
      if (!entity) continue;
      linked++;
      expect({ label: c.label, cites: entity.citations.includes(c.number) }).toEqual({
        label: c.label,
        cites: true,
      });
    }
    expect(linked).toBeGreaterThan(30);
  });
});
