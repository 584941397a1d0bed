import { paperContains, readPaper } from '../../src/data/paper';
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
    // the paper (a table or section), or the line of the companion list its reviewed import came from
    const fromList = sourced.filter((r) => 'url' in r.source);
    const fromPaper = sourced.filter((r) => !('url' in r.source));
    expect(
      fromPaper.filter((r) => !/^(Table I{1,2}|Section [IV]+(-[A-G])?)$/.test(r.source.location ?? '')),
    ).toEqual([]);
    expect(
      fromList.filter(
        (r) =>
          !/^https:\/\/github\.com\/Jianing-Qiu\/Awesome-Healthcare-Foundation-Models\/blob\/fd36f54\/README\.md#L\d+$/.test(
            (r.source as { url: string }).url,
          ),
      ),
    ).toEqual([]);
    expect(fromList).toHaveLength(104); // 102 models, 2 datasets
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

  it('places the text the OCR printed before Section II-A in Section II-A', () => {
    for (const slug of ['palm', 'llama-2', 'retro', 'instructgpt', 'sparrow'])
      expect({ slug, location: bySlug(data.models, slug).source.location }).toEqual({
        slug,
        location: 'Section II-A',
      });
    const citation = (n: number) => data.citations[n - 1];
    expect(citation(10).mentions).toContainEqual({
      section: 'Section II-A',
      sentence: expect.stringContaining('is optimal [10], [14]') as string,
    });
    for (const n of [1, 4, 9, 10, 11, 13, 14, 19, 22, 23, 24, 25, 26, 27])
      expect({ n, inSectionII: citation(n).mentions.some((m) => m.section === 'Section II') }).toEqual({
        n,
        inSectionII: false,
      });
  });

  it('labels each reference the sentence names, clean spelling first and OCR forms as aliases', () => {
    const labels = Object.fromEntries(data.citations.map((c) => [c.number, c.label]));
    expect(labels).toMatchObject({
      11: 'LLaMa 2',
      30: 'ImageNet-21K',
      31: 'JFT-300M',
      33: 'IG-3.5B',
      34: 'IG-3.6B',
      81: 'ProtT5-XXL',
      89: 'RNA-FM',
      101: 'BEHRT',
      102: 'Med-BERT',
      111: 'PubMed',
      112: 'PubMed',
      133: 'OPTICAL',
      135: 'DetectGPT',
    });
    expect(data.citations[18]).toMatchObject({ label: 'InstructGPT', aliases: ['Instruct GP T'] });
    // every label of a named dataset is the dataset the entity cites
    for (const n of [30, 31, 33, 34, 111, 112]) {
      const dataset = data.datasets.find((d) => d.name === labels[n]);
      expect({ n, cites: dataset?.citations.includes(n) }).toEqual({ n, cites: true });
    }
  });

  it('gives Reliability the mitigation of its own paragraph: more data for robustness [163]', () => {
    const reliability = bySlug(data.risks, 'reliability');
    const mitigation = bySlug(reliability.mitigations, 'more-data-for-robustness');
    expect(mitigation.citations).toEqual([163]);
    expect(mitigation.source).toEqual({
      location: 'Section IV',
      quote: 'Improving the robustness of LAMs may require even more data [163].',
    });
    expect(paperContains(readPaper(DATA_DIR), mitigation.source.quote!)).toBe(true);
    expect(reliability.mitigations).toHaveLength(7);
  });

  it('links a model to a dataset only where the paper names the dataset as its training data', () => {
    // a matching figure is not a link: each of these prints the size of a Table II dataset, not its name
    const declined: [string, string, string][] = [
      ['heartbeit', 'mount-sinai-ecg-data', '8.5MECGs'],
      ['gatortron-large', 'uf-health-idr-clinical-note-database', '90 B words'],
      ['endo-fm', 'endo-fm-database', '5 M Endo. Frames'],
      ['vcl', 'endo-fm-database', '5 MEndo. Frames'],
    ];
    for (const [model, dataset, printed] of declined) {
      expect({ model, trainedOn: bySlug(data.models, model).trainedOn }).toEqual({ model, trainedOn: [] });
      expect(bySlug(data.models, model).trainingDataNote).toBe(printed);
      const names = [bySlug(data.datasets, dataset).name, ...bySlug(data.datasets, dataset).aliases];
      expect(names).not.toContain(printed);
    }
    // every link there is: a name of the dataset is printed in the model's Table I row or in the text
    const paper = readPaper(DATA_DIR);
    for (const m of data.models)
      for (const slug of m.trainedOn) {
        const d = bySlug(data.datasets, slug);
        const names = [d.name, ...d.aliases];
        const where = [m.source.quote ?? '', ...(m.notes ? [m.notes] : [])].join(' ');
        expect({ model: m.slug, dataset: slug, named: names.some((n) => where.includes(n)) }).toEqual({
          model: m.slug,
          dataset: slug,
          named: true,
        });
        expect(names.some((n) => paperContains(paper, n))).toBe(true);
      }
  });
});
