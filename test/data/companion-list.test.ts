import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CompanionEntry, CompanionList, parseCompanionList } from '../../src/data/companion-list';
import {
  findCompanionMatches,
  matchCompanionEntry,
  nameKey,
  readSameAs,
  SAME_AS_FILE,
  sameAsOf,
} from '../../src/data/companion-match';
import type { SurveyData } from '../../src/data/schema';
import { loadSurveyData } from '../../src/data/validate';
import { paperOnlyData } from '../helpers/curation';

const DATA_DIR = path.resolve(__dirname, '../../data');
const NO_NAME = 'no model name before a colon';

let list: CompanionList;
let data: SurveyData;
beforeAll(() => {
  list = parseCompanionList(fs.readFileSync(path.join(DATA_DIR, 'companion/README.md'), 'utf8'));
  // the paper's graph, which the list is matched against (data/ holds the list's import as well)
  data = loadSurveyData(paperOnlyData());
});

const entryAt = (line: number): CompanionEntry => {
  const entry = list.entries.find((e) => e.line === line);
  if (!entry) throw new Error(`no entry at line ${line}`);
  return entry;
};

const tally = (keys: string[]): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const k of keys) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
};

/** An entry of the given kind and name, as the list could hold it, for the matching rules alone. */
const entryNamed = (kind: CompanionEntry['kind'], name: string): CompanionEntry => ({
  line: 1,
  text: name,
  section: [],
  kind,
  name,
  title: null,
  links: [],
});

describe('the companion list at fd36f54', () => {
  it('is kept in the repository byte for byte, with its licence and source', () => {
    const folder = path.join(DATA_DIR, 'companion');
    const sha256 = (file: string) =>
      crypto
        .createHash('sha256')
        .update(fs.readFileSync(path.join(folder, file)))
        .digest('hex');
    // the digests of README.md and LICENSE at fd36f54
    expect(sha256('README.md')).toBe('09a482353ce32711c16b62fecbcdea8fff747f3026eed8518113a34afc124f93');
    expect(sha256('LICENSE')).toBe('71d2f5ef4cf33994266514a89b706677aea70ec17021b9e9b0ad743cecbc5d56');
    const source = fs.readFileSync(path.join(folder, 'SOURCE.md'), 'utf8');
    for (const fact of [
      'https://github.com/Jianing-Qiu/Awesome-Healthcare-Foundation-Models',
      'fd36f54',
      'MIT',
    ])
      expect(source).toContain(fact);
  });

  it('reads 193 entries, counted per section and per kind', () => {
    expect(tally(list.entries.map((e) => e.section.join(' / ')))).toEqual({
      'Large Language Models / Healthcare Domain': 32,
      'Large Language Models / General Domain': 10,
      'Large Vision Models / Healthcare Domain': 18,
      'Large Vision Models / General Domain': 10,
      'Large Audio Models / General Domain': 10,
      'Large Multi-modal Models / Healthcare Domain': 7,
      'Large Multi-modal Models / General Domain': 13,
      'Applications of Large AI Models in Healthcare / Bioinformatics': 26,
      'Applications of Large AI Models in Healthcare / Medical Diagnosis': 9,
      'Applications of Large AI Models in Healthcare / Medical Imaging': 16,
      'Applications of Large AI Models in Healthcare / Medical Informatics': 11,
      'Applications of Large AI Models in Healthcare / Public Health': 1,
      'Applications of Large AI Models in Healthcare / Medical Robotics': 10,
      'AI Legislation': 6,
      'Large-scale Datasets in Biomedical and Health Informatics / Open Source': 10,
      'Large-scale Datasets in Biomedical and Health Informatics / Private or Upon Approval': 4,
    });
    expect(tally(list.entries.map((e) => e.kind))).toEqual({
      model: 100,
      application: 73,
      legislation: 6,
      dataset: 14,
    });
    expect(tally(list.entries.flatMap((e) => (e.modelType ? [`${e.modelType} ${e.domain}`] : [])))).toEqual({
      'LLM HEALTHCARE': 32,
      'LLM GENERAL': 10,
      'LVM HEALTHCARE': 18,
      'LVM GENERAL': 10,
      'LAM GENERAL': 10,
      'LMM HEALTHCARE': 7,
      'LMM GENERAL': 13,
    });
    expect(tally(list.entries.flatMap((e) => (e.sector ? [e.sector] : [])))).toEqual({
      bioinformatics: 26,
      'medical-diagnosis': 9,
      'medical-imaging': 16,
      'medical-informatics': 11,
      'public-health': 1,
      'medical-robotics': 10,
    });
  });

  it('skips News, the table of contents and the survey, which come before line 115', () => {
    expect(Math.min(...list.entries.map((e) => e.line), ...list.problems.map((p) => p.line))).toBe(120);
  });

  it('reads Med-PaLM 2 as a healthcare LLM with its arXiv paper', () => {
    expect(entryAt(123)).toEqual({
      line: 123,
      text: 'Med-PaLM 2: Towards Expert-Level Medical Question Answering with Large Language Models [[Paper]](https://arxiv.org/pdf/2305.09617.pdf)',
      section: ['Large Language Models', 'Healthcare Domain'],
      kind: 'model',
      modelType: 'LLM',
      domain: 'HEALTHCARE',
      name: 'Med-PaLM 2',
      title: 'Towards Expert-Level Medical Question Answering with Large Language Models',
      links: [{ label: 'Paper', url: 'https://arxiv.org/pdf/2305.09617.pdf' }],
    });
    expect(entryAt(410)).toMatchObject({
      kind: 'application',
      name: 'Med-PaLM 2',
      sector: 'medical-informatics',
    });
  });

  it('joins ChiMed-GPT, which wraps from line 121 onto 122', () => {
    const entry = entryAt(121);
    expect(entry.name).toBe('ChiMed-GPT');
    expect(entry.title).toBe(
      'A Chinese Medical Large Language Model with Full Training Regime and Better Alignment to Human Preferences',
    );
    expect(entry.text).toBe(
      'ChiMed-GPT: A Chinese Medical Large Language Model with Full Training Regime and Better Alignment to Human Preferences [[Paper]](https://arxiv.org/pdf/2311.06025.pdf) [[Code]](https://github.com/synlp/ChiMed-GPT)',
    );
    expect(entry.links).toEqual([
      { label: 'Paper', url: 'https://arxiv.org/pdf/2311.06025.pdf' },
      { label: 'Code', url: 'https://github.com/synlp/ChiMed-GPT' },
    ]);
    expect(list.entries.some((e) => e.line === 122) || list.problems.some((p) => p.line === 122)).toBe(false);
  });

  it('reads the less tidy model bullets as printed', () => {
    // "BioELECTRA:Pretrained" has no space after its colon
    expect(entryAt(140)).toMatchObject({
      name: 'BioELECTRA',
      title: 'Pretrained Biomedical text Encoder using Discriminators',
    });
    // two links with nothing between them, and no paper
    expect(entryAt(248)).toMatchObject({ name: 'H-optimus-0', modelType: 'LVM', domain: 'GENERAL' });
    expect(entryAt(248).links.map((l) => l.label)).toEqual(['Code', 'HuggingFace']);
    // labels are kept as written ("paper" and "Paper" both occur)
    expect(entryAt(226)).toMatchObject({
      name: 'Big Transfer (BiT)',
      title: 'General Visual Representation Learning',
    });
    expect(entryAt(226).links[0].label).toBe('paper');
    // only the first colon separates the name
    expect(entryAt(210)).toMatchObject({
      name: 'C2l',
      title:
        'Comparing to Learn: Surpassing ImageNet Pretraining on Radiographs By Comparing Image Representations',
    });
  });

  it('reads the datasets of both tables, names and descriptions verbatim', () => {
    expect(entryAt(485)).toEqual({
      line: 485,
      text: '| [Google DR Dev. Dataset](https://jamanetwork.com/journals/jama/fullarticle/2588763) | 239 K unique individuals, 1.6 M fundus images |',
      section: ['Large-scale Datasets in Biomedical and Health Informatics', 'Private or Upon Approval'],
      kind: 'dataset',
      access: 'ON_APPROVAL',
      name: 'Google DR Dev. Dataset',
      title: null,
      links: [
        { label: 'Google DR Dev. Dataset', url: 'https://jamanetwork.com/journals/jama/fullarticle/2588763' },
      ],
      description: '239 K unique individuals, 1.6 M fundus images',
    });
    expect(entryAt(470)).toMatchObject({
      name: 'Big Fantastic Datasbase',
      access: 'OPEN',
      links: [{ label: 'Big Fantastic Datasbase', url: 'https://bfd.mmseqs.com/' }],
      description: '2.1 B protein sequences, 393 B amino acids',
    });
    const datasets = list.entries.filter((e) => e.kind === 'dataset');
    expect(datasets.map((e) => [e.line, e.access])).toEqual([
      ...[470, 471, 472, 473, 474, 475, 476, 477, 478, 479].map((l) => [l, 'OPEN']),
      ...[484, 485, 486, 487].map((l) => [l, 'ON_APPROVAL']),
    ]);
  });

  it('reads the six laws with their jurisdictions', () => {
    expect(entryAt(458)).toEqual({
      line: 458,
      text: 'AI Act (EU) [[Source]](https://artificialintelligenceact.eu/)',
      section: ['AI Legislation'],
      kind: 'legislation',
      name: 'AI Act',
      title: null,
      links: [{ label: 'Source', url: 'https://artificialintelligenceact.eu/' }],
      jurisdiction: 'EU',
    });
    const laws = list.entries.filter((e) => e.kind === 'legislation');
    expect(laws.map((e) => [e.name, e.jurisdiction])).toEqual([
      ['AI Act', 'EU'],
      ['A pro-innovation approach to AI regulation', 'UK'],
      ['Blueprint for an AI Bill of Rights', 'USA'],
      ['AI Risk Management Framework', 'USA'],
      ['Provisions on the Administration of Deep Synthesis Internet Information Services', 'China'],
      ['Interim Measures for the Management of Generative Artificial Intelligence Services', 'China'],
    ]);
  });

  it('reports the 94 bullets without a model name, with their lines, and guesses none', () => {
    const tooLong = [236, 280, 313, 435, 450];
    expect(list.problems.map((p) => p.line)).toEqual([
      // Large Language Models (30)
      131, 133, 139, 143, 144, 145, 147, 149, 150, 151, 158, 161, 162, 163, 164, 165, 166, 168, 169, 177, 179,
      180, 184, 186, 187, 188, 190, 191, 193, 194,
      // Large Vision Models (15)
      219, 227, 228, 230, 235, 236, 237, 239, 240, 241, 242, 243, 245, 246, 247,
      // Large Multi-modal Models (18)
      277, 279, 280, 283, 284, 285, 290, 299, 300, 302, 307, 310, 313, 319, 320, 321, 323, 324,
      // Applications (31)
      333, 334, 335, 342, 345, 346, 347, 348, 349, 350, 352, 353, 361, 362, 366, 379, 382, 392, 412, 414, 422,
      423, 424, 426, 430, 431, 435, 436, 437, 447, 450,
    ]);
    expect(list.problems.filter((p) => p.reason === NO_NAME)).toHaveLength(89);
    expect(list.problems.filter((p) => p.reason !== NO_NAME).map((p) => p.line)).toEqual(tooLong);
    expect(list.problems.find((p) => p.line === 131)).toEqual({
      line: 131,
      text: 'Capabilities of GPT-4 on Medical Challenge Problems [[Paper]](https://arxiv.org/pdf/2303.13375.pdf)',
      reason: NO_NAME,
    });
    // a comma is not a colon
    expect(list.problems.find((p) => p.line === 139)?.text).toMatch(/^HuatuoGPT, Towards Taming/);
    expect(list.problems.find((p) => p.line === 236)?.reason).toBe(
      'no model name before the colon: "An Image is Worth 16x16 Words" is 6 words, a title rather than a name',
    );
    // Medical Education's two bullets are both unnamed, so the sector has no entry
    expect(list.entries.filter((e) => e.sector === 'medical-education')).toEqual([]);
  });
});

describe('matching companion entries to the graph', () => {
  it('finds GatorTron, Med-PaLM 2 and the Google DR dataset among the records', () => {
    expect(matchCompanionEntry(entryAt(128), data)).toEqual({ kind: 'models', slug: 'gatortron-large' });
    expect(matchCompanionEntry(entryAt(123), data)).toEqual({ kind: 'models', slug: 'med-palm-2' });
    expect(matchCompanionEntry(entryAt(410), data)).toEqual({ kind: 'models', slug: 'med-palm-2' });
    expect(matchCompanionEntry(entryAt(485), data)).toEqual({
      kind: 'datasets',
      slug: 'google-dr-dev-dataset',
    });
  });

  it('takes applications for models: ESMFold and AlphaFold, which the list names only in titles', () => {
    expect(matchCompanionEntry(entryNamed('application', 'ESMFold'), data)).toEqual({
      kind: 'models',
      slug: 'esmfold',
    });
    expect(matchCompanionEntry(entryNamed('application', 'AlphaFold'), data)).toEqual({
      kind: 'models',
      slug: 'alphafold2',
    });
    expect(matchCompanionEntry(entryNamed('legislation', 'GPT-4'), data)).toEqual({
      kind: 'models',
      slug: 'gpt-4',
    });
  });

  it('matches models with models and datasets with datasets only', () => {
    expect(matchCompanionEntry(entryNamed('dataset', 'ChatCAD'), data)).toBeNull();
    expect(matchCompanionEntry(entryNamed('model', 'MIMIC-CXR'), data)).toBeNull();
  });

  it('ignores case, spaces, dashes and dots, and nothing else', () => {
    expect(nameKey('Google DR Dev. Dataset')).toBe('googledrdevdataset');
    expect(nameKey('Med–PaLM  2')).toBe('medpalm2');
    expect(matchCompanionEntry(entryNamed('model', 'med palm.2'), data)?.slug).toBe('med-palm-2');
    // the list's typo is kept, so "Datasbase" is not the graph's Big Fantastic Database
    expect(matchCompanionEntry(entryAt(470), data)).toBeNull();
    expect(matchCompanionEntry(entryNamed('model', 'ChatCAD+'), data)?.slug).toBe('chatcad-plus');
    expect(matchCompanionEntry(entryNamed('model', 'Swin Transformer V2'), data)).toBeNull();
  });

  it('gives these records for the real list, and no name is ambiguous', () => {
    const matched = list.entries.flatMap((e) => {
      const all = findCompanionMatches(e, data);
      return all.length > 0 ? [[e.line, all.map((m) => m.slug).join(' ')]] : [];
    });
    expect(Object.fromEntries(matched)).toEqual({
      123: 'med-palm-2',
      128: 'gatortron-large',
      129: 'chatcad',
      132: 'biobert',
      134: 'biomegatron',
      136: 'med-bert',
      140: 'bio-electra',
      142: 'biogpt',
      146: 'behrt',
      159: 'progen',
      175: 'chatgpt',
      176: 'llama',
      178: 'palm',
      195: 'bert',
      204: 'endo-fm',
      205: 'stu-net',
      207: 'med3d',
      231: 'internimage',
      238: 'swin-transformer',
      252: 'coatnet',
      254: 'convit',
      281: 'plip',
      343: 'progen',
      380: 'chatcad',
      381: 'behrt',
      383: 'med-bert',
      386: 'chatcad-plus',
      393: 'med3d',
      410: 'med-palm-2',
      413: 'biobert',
      415: 'biomegatron',
      417: 'med-bert',
      419: 'bio-electra',
      421: 'biogpt',
      425: 'behrt',
      438: 'climax',
      442: 'endo-fm',
      471: 'observed-antibody-space',
      472: 'rnacentral',
      473: 'zinc20',
      474: 'mimic-cxr',
      475: 'medmnist-v2',
      476: 'medical-meadow',
      477: 'endo-fm-database',
      484: 'mount-sinai-ecg-data',
      485: 'google-dr-dev-dataset',
      486: 'uf-health-idr-clinical-note-database',
      487: 'clinical-practice-research-datalink',
    });
  });

  it('answers null for a name two records share, and lists both', () => {
    const gatortron = data.models.find((m) => m.slug === 'gatortron-large')!;
    const twoGatorTrons: SurveyData = {
      ...data,
      models: [
        ...data.models,
        { ...gatortron, slug: 'gatortron-base', name: 'GatorTron-Base', aliases: ['GatorTron'] },
      ],
    };
    expect(findCompanionMatches(entryAt(128), twoGatorTrons)).toEqual([
      { kind: 'models', slug: 'gatortron-large' },
      { kind: 'models', slug: 'gatortron-base' },
    ]);
    expect(matchCompanionEntry(entryAt(128), twoGatorTrons)).toBeNull();
  });
});

describe("the curators' same-as decisions (data/companion/same-as.json)", () => {
  const write = (text: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-same-as-'));
    fs.writeFileSync(path.join(dir, SAME_AS_FILE), text);
    return dir;
  };

  it('say which records of the paper the list names under another name, and each is one', () => {
    const decisions = readSameAs(path.join(DATA_DIR, 'companion'));
    expect(decisions.map((d) => [d.kind, d.name, d.slug])).toEqual([
      ['datasets', 'Big Fantastic Datasbase', 'big-fantastic-database'],
      ['models', 'PanGu Drug Model', 'pangu-drug'],
    ]);
    expect(sameAsOf(entryAt(470), decisions)?.slug).toBe('big-fantastic-database');
    expect(sameAsOf(entryNamed('model', 'pangu drug model'), decisions)?.slug).toBe('pangu-drug');
    // a decision on a dataset says nothing of a model of that name
    expect(sameAsOf(entryNamed('model', 'Big Fantastic Datasbase'), decisions)).toBeUndefined();
    for (const d of decisions) expect(data[d.kind].map((r) => r.slug)).toContain(d.slug);
  });

  it('are none without the file, and a bad file is refused, naming what is wrong', () => {
    expect(readSameAs(fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-same-as-')))).toEqual([]);
    expect(() => readSameAs(write('[{'))).toThrow(/same-as\.json is not JSON/);
    const one = { kind: 'models', name: 'X', slug: 'x', reason: 'why' };
    expect(() => readSameAs(write(JSON.stringify([{ ...one, slug: 'Not A Slug' }])))).toThrow(
      /same-as\.json: 0\.slug: a slug/,
    );
    expect(() => readSameAs(write(JSON.stringify([{ ...one, kind: 'laws' }])))).toThrow(/0\.kind/);
    expect(() => readSameAs(write(JSON.stringify([{ ...one, extra: 1 }])))).toThrow(/same-as\.json/);
    expect(() => readSameAs(write(JSON.stringify([one, { ...one, name: ' x ' }])))).toThrow(
      /"\s?x\s?" is decided twice/,
    );
  });
});

describe('parseCompanionList on small lists', () => {
  const parse = (...lines: string[]) => parseCompanionList(lines.join('\n'));

  it('joins a bullet wrapped over several lines, and starts no entry on its continuation lines', () => {
    const { entries, problems } = parse(
      '## Large Vision Models',
      '### Healthcare Domain',
      '- Foo-1: A title',
      '  that wraps',
      'twice [[Paper]](https://x.org/1)',
      '- Bar: Next [[Code]](https://x.org/2)',
    );
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.line, e.name, e.title, e.text])).toEqual([
      [3, 'Foo-1', 'A title that wraps twice', 'Foo-1: A title that wraps twice [[Paper]](https://x.org/1)'],
      [6, 'Bar', 'Next', 'Bar: Next [[Code]](https://x.org/2)'],
    ]);
    expect(entries[0]).toMatchObject({ kind: 'model', modelType: 'LVM', domain: 'HEALTHCARE' });
  });

  it('joins nothing across a blank line or a group label, and reads no prose', () => {
    const { entries, problems } = parse(
      '## Large Audio Models',
      '### General Domain',
      '- A: one [[Paper]](https://x.org/a)',
      '',
      'Some prose about the list.',
      '- B: two [[Paper]](https://x.org/b)',
      '**Group**:',
      '- C: three [[Paper]](https://x.org/c)',
    );
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.line, e.text])).toEqual([
      [3, 'A: one [[Paper]](https://x.org/a)'],
      [6, 'B: two [[Paper]](https://x.org/b)'],
      [8, 'C: three [[Paper]](https://x.org/c)'],
    ]);
  });

  it('ignores unknown sections, code blocks and the title, and reports unknown subsections of read ones', () => {
    const { entries, problems } = parse(
      '# Title',
      '- Ignored: under the title [[Paper]](https://x.org/0)',
      '## Related Lists',
      '- Other: not read [[Paper]](https://x.org/1)',
      '## Applications of Large AI Models in Healthcare',
      '### Dentistry',
      '- Tooth: unknown sector [[Paper]](https://x.org/2)',
      '### Public Health',
      '```',
      '# not a heading',
      '- not a bullet',
      '```',
      '- Flu: a model [[Paper]](https://x.org/3)',
      '## Large Language Models',
      '- Loose: no domain heading [[Paper]](https://x.org/4)',
    );
    expect(entries.map((e) => [e.line, e.kind, e.name, e.sector])).toEqual([
      [13, 'application', 'Flu', 'public-health'],
    ]);
    expect(problems.map((p) => [p.line, p.reason])).toEqual([
      [7, 'unknown subsection "Dentistry" of "Applications of Large AI Models in Healthcare"'],
      [15, 'no subsection under "Large Language Models"'],
    ]);
  });

  it('reports bullets whose links cannot be read, and keeps URLs with parentheses whole', () => {
    const { entries, problems } = parse(
      '## Large Multi-modal Models',
      '### Healthcare Domain',
      '- Lancet: paren URL [[Paper]](https://x.org/PII(24)00042-7/full) [[Code]](https://x.org/c)',
      '- NoLinks: a paper with no link',
      '- Trailing: text after [[Paper]](https://x.org/t) (2023)',
      '- Open: unclosed [[Paper]](https://x.org/(oops',
      '-  : empty name [[Paper]](https://x.org/e)',
    );
    expect(entries.map((e) => e.links)).toEqual([
      [
        { label: 'Paper', url: 'https://x.org/PII(24)00042-7/full' },
        { label: 'Code', url: 'https://x.org/c' },
      ],
    ]);
    expect(problems.map((p) => [p.line, p.reason])).toEqual([
      [4, 'no [[...]](url) links'],
      [5, 'the text after the first [[ is not a run of [[...]](url) links'],
      [6, 'the text after the first [[ is not a run of [[...]](url) links'],
      [7, NO_NAME],
    ]);
  });

  it('reports a law without a jurisdiction', () => {
    const { entries, problems } = parse(
      '## AI Legislation',
      '- Data Act (EU) [[Source]](https://x.org/1)',
      '- Some Act [[Source]](https://x.org/2)',
    );
    expect(entries.map((e) => [e.name, e.jurisdiction])).toEqual([['Data Act', 'EU']]);
    expect(problems).toEqual([
      {
        line: 3,
        text: 'Some Act [[Source]](https://x.org/2)',
        reason: 'no jurisdiction in parentheses after the name',
      },
    ]);
  });

  it('reports dataset rows with a missing cell, no link or no description, and a header of another shape', () => {
    const { entries, problems } = parseCompanionList(
      [
        '## Large-scale Datasets in Biomedical and Health Informatics',
        '### Open Source',
        '| Dataset | Description |',
        '| --- | --- |',
        '| [Good](https://x.org/(g)) | 1 M images |',
        '| [Short](https://x.org/s) |',
        '| Plain name | 2 M notes |',
        '| [Empty](https://x.org/e) |  |',
        '- Bullet: where a row belongs [[Paper]](https://x.org/b)',
        '### Private or Upon Approval',
        '| Name | Size | Notes |',
        '|:---|---:|---|',
        '| [Wide](https://x.org/w) | 3 | x |',
        '| [Ok2](https://x.org/ok2) | outer pipes',
      ].join('\r\n'),
    );
    expect(entries.map((e) => [e.line, e.name, e.access, e.links[0].url, e.description])).toEqual([
      [5, 'Good', 'OPEN', 'https://x.org/(g)', '1 M images'],
      [14, 'Ok2', 'ON_APPROVAL', 'https://x.org/ok2', 'outer pipes'],
    ]);
    expect(problems.map((p) => [p.line, p.reason])).toEqual([
      [6, 'expected 2 cells (Dataset, Description), found 1'],
      [7, 'the Dataset cell is not a [Name](url) link'],
      [8, 'empty Description cell'],
      [9, 'a bullet where the dataset table is expected'],
      [11, 'unexpected table header (Name, Size, Notes)'],
      [13, 'expected 2 cells (Dataset, Description), found 3'],
    ]);
  });
});
