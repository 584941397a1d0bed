import * as fs from 'fs';
import * as path from 'path';
import {
  citationGroups,
  extractCitations,
  formatCitations,
  KnownName,
  readKnownNames,
} from '../../src/data/extract-citations';
import { hasCjk, paperContains, readPaper } from '../../src/data/paper';
import { citationSchema } from '../../src/data/schema';
import * as match from '../helpers/match';

const dataDir = path.resolve(__dirname, '../../data');
const paper = readPaper(dataDir);
const known: KnownName[] = [
  'ESMfold',
  'Transformer',
  'InstructGPT',
  'SAM',
  'Ankh',
  'PaLM',
  'Med-PaLM',
  'Med-PaLM 2',
].map((name) => ({ name }));
const records = extractCitations(paper, known);
const record = (n: number) => records[n - 1];

describe('citationGroups', () => {
  it('expands lists and ranges written with an en dash, a hyphen or spaces', () => {
    expect(citationGroups('optimal [10], [14], and').map((g) => g.numbers)).toEqual([[10, 14]]);
    expect(citationGroups('a [54]–[56] b [1]-[3] c [7] – [9]').map((g) => g.numbers)).toEqual([
      [54, 55, 56],
      [1, 2, 3],
      [7, 8, 9],
    ]);
    expect(citationGroups('PaLM [13] and BERT [9]')).toEqual([
      { numbers: [13], before: 'PaLM ', after: ' and BERT [9]' },
      { numbers: [9], before: 'PaLM [13] and BERT ', after: '' },
    ]);
  });
});

describe('extractCitations on the survey', () => {
  it('returns one valid record per reference, 1 to 191, in order', () => {
    expect(records).toHaveLength(191);
    expect(records.map((r) => r.number)).toEqual(Array.from({ length: 191 }, (_, i) => i + 1));
    for (const r of records) expect(citationSchema.safeParse(r).success).toBe(true);
  });

  it('expands ranges to every number in between', () => {
    for (let n = 12; n <= 20; n++) {
      expect(record(n).mentions).toContainEqual({
        section: 'Section II-A',
        sentence: match.stringContaining('[10]–[21]'),
      });
    }
    expect(
      record(174).mentions.some((m) => m.section === 'Section IV' && m.sentence.includes('[173]–[175]')),
    ).toBe(true);
    expect(record(55).mentions.length).toBe(3);
  });

  it('records where and how a work is cited', () => {
    expect(record(84).label).toBe('ESMfold');
    expect(record(84).mentions).toContainEqual({
      section: 'Section III-A',
      sentence: match.stringContaining('0.68 vs 0.38'),
    });
    expect(record(185).mentions).toEqual([
      { section: 'Section IV', sentence: match.stringContaining('1287 MWh') },
    ]);
    for (const n of [190, 191]) expect(record(n).mentions.map((m) => m.section)).toEqual(['Section V-B']);
  });

  it('never uses the Chinese lines, and every mention is a sentence of the paper', () => {
    const mentions = records.flatMap((r) => r.mentions);
    expect(mentions.filter((m) => hasCjk(m.sentence))).toEqual([]);
    expect(mentions.filter((m) => !paperContains(paper, m.sentence))).toEqual([]);
  });

  it('lists each citing sentence once, in paper order', () => {
    for (const r of records) {
      const keys = r.mentions.map((m) => `${m.section}|${m.sentence}`);
      expect(new Set(keys).size).toBe(keys.length);
    }
    expect(record(3).mentions.map((m) => m.section)).toEqual([
      'Section I',
      'Section I',
      'Section II-A',
      'Section III-A',
    ]);
  });

  it('labels a work by the known name or proper noun right before its bracket', () => {
    expect(record(3).label).toBe('Transformer'); // "the Transformer model [3]"
    expect(record(80).label).toBe('ProGen'); // "ProGen (1.2B) [80]"
    expect(record(123).label).toBe('GatorTron'); // "GatorTron [123] model"
    expect(record(29).label).toBe('ImageNet-1K'); // "ImageNet-1K (1.28M images) [29]"
    expect(record(42).label).toBe('Swin Transformer'); // not the known "Transformer"
    expect(record(114).label).toBe('Clinic alBERT'); // as printed
    expect(record(128).label).toBe('Med-PaLM 2');
    expect(record(22).label).toBe('Chain-of-Thought'); // "Chain-of-Thought prompting [22]"
    expect(record(19).label).toBe('InstructGPT'); // a known name beats the more frequent "Instruct GP T"
    expect(record(2).label).toBe('SAM'); // 2 x "SAM" against 1 x "Segment Anything Model"
    expect(record(88).label).toBe('Ankh'); // a plain word only as a known name
  });

  it('gives no label to authors, generic phrases, organisations or runs of several numbers', () => {
    expect(record(89).label).toBeNull(); // "Chen et al. [89]"
    expect(record(130).label).toBeNull(); // "Patel and Lam [130]"
    expect(record(99).label).toBeNull(); // "expertise in Chinese [99]"
    expect(record(5).label).toBeNull(); // "symptom checker [5]"
    expect(record(169).label).toBeNull(); // "the data policy of OpenAI [169]"
    expect(record(134).label).toBeNull(); // "LLMs [134]"
    expect(record(86).label).toBeNull(); // only in "[78], [86]"
    expect(record(26).label).toBeNull(); // "Sparrow [26]" is not a known name here
  });

  it('is deterministic', () => {
    expect(extractCitations(paper, known)).toEqual(records);
    expect(formatCitations(extractCitations(paper, [...known].reverse()))).toBe(formatCitations(records));
  });
});

describe('extractCitations with the curated names', () => {
  const curated = extractCitations(paper, readKnownNames(dataDir).names);
  const cited = (n: number) => curated[n - 1];

  it('places the lines the OCR printed before Section II-A in Section II-A', () => {
    // "... if this continuous growth of model and data size is optimal [10], [14]" (survey.txt line 67)
    for (const n of [10, 14])
      expect(cited(n).mentions).toContainEqual({
        section: 'Section II-A',
        sentence: match.stringContaining('is optimal [10], [14]'),
      });
    for (const n of [1, 4, 9, 11, 13, 19, 22, 23, 24, 25, 26, 27])
      expect(cited(n).mentions.filter((m) => m.section === 'Section II')).toEqual([]);
    expect(cited(4).mentions.map((m) => m.section)).toEqual([
      'Section I',
      'Section II-A',
      'Section II-A',
      'Section III-E',
      'Section III-E',
      'Section IV',
    ]);
    // Section II keeps no mention at all: its own paragraphs cite nothing
    expect(curated.flatMap((r) => r.mentions).filter((m) => m.section === 'Section II')).toEqual([]);
  });

  it('labels a work the sentence names elsewhere than right before its bracket', () => {
    expect(cited(11).label).toBe('LLaMa 2'); // "LLaMa 2 was pre-trained with 2 trillion tokens [11]"
    expect(cited(81).label).toBe('ProtT5-XXL'); // "Elnaggar et al. [81] devised ProtT5-XXL (11B)"
    expect(cited(89).label).toBe('RNA-FM'); // "Chen et al. [89] proposed the RNA foundation model (RNA-FM)"
    expect(cited(89).aliases).toEqual(['RNA foundation model']);
    expect(cited(101).label).toBe('BEHRT'); // "Li et al. [101] proposed BEHRT"
    expect(cited(102).label).toBe('Med-BERT'); // "Rasmy et al. [102] proposed Med-BERT"
    expect(cited(133).label).toBe('OPTICAL'); // "The OPTICAL model proposed by Shue et al. [133]"
    expect(cited(135).label).toBe('DetectGPT'); // "... proposed a zero-shot detector named DetectGPT"
  });

  it('labels the datasets named by a variant or through several references', () => {
    expect(cited(30).label).toBe('ImageNet-21K'); // "ImageNet-1K (1.28M images) [29] and -21K (14M images) [30]"
    expect(cited(31).label).toBe('JFT-300M'); // "JFT (300M [31] and 3B [32] images)"
    expect(cited(33).label).toBe('IG-3.5B'); // "IG (3.5B [33] and 3.6B [34] images)"
    expect(cited(34).label).toBe('IG-3.6B');
    expect(cited(111).label).toBe('PubMed'); // "PubMed [111], [112]"
    expect(cited(112).label).toBe('PubMed');
    expect(cited(32).label).toBe('ViT-G/14'); // named right before its bracket, beating the variant "JFT-3B"
    expect(cited(110).label).toBe('GPT-3'); // not "LLMs", from "LLMs [9], [13], [110]"
  });

  it('keeps the clean spelling as the label and the OCR forms as aliases', () => {
    expect(cited(19)).toMatchObject({ label: 'InstructGPT', aliases: ['Instruct GP T'] });
    expect(cited(2)).toMatchObject({ label: 'SAM', aliases: ['Segment Anything Model'] });
    expect(cited(114).label).toBe('Clinic alBERT'); // the paper prints no other form
    expect(cited(114).aliases).toBeUndefined();
    expect(cited(84).aliases).toBeUndefined();
    for (const r of curated) {
      expect(r.aliases ?? ['x']).not.toHaveLength(0);
      if (r.aliases)
        expect({ n: r.number, self: r.aliases.includes(r.label!) }).toEqual({ n: r.number, self: false });
    }
  });
});

describe('extractCitations on other text', () => {
  it('keeps a record, without mentions or label, for a number the text never cites', () => {
    const out = extractCitations('I. INTRODUCTION\nAs ESMfold [1] shows.\n它显示 [2]。', known);
    expect(out).toHaveLength(191);
    expect(out[0]).toEqual({
      number: 1,
      label: 'ESMfold',
      mentions: [{ section: 'Section I', sentence: 'As ESMfold [1] shows.' }],
    });
    expect(out[1]).toEqual({
      number: 2,
      label: null,
      mentions: [],
      notes: match.stringMatching(/not cited/),
    });
  });
});

describe('data/citations.json', () => {
  it('is up to date with the paper and the curated names (run npm run data:extract)', () => {
    const fresh = formatCitations(extractCitations(paper, readKnownNames(dataDir).names));
    expect(fs.readFileSync(path.join(dataDir, 'citations.json'), 'utf8')).toBe(fresh);
  });
});
