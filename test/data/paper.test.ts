import * as path from 'path';
import {
  englishParagraphs,
  hasCjk,
  normalizeWhitespace,
  paperContains,
  readPaper,
  splitSentences,
} from '../../src/data/paper';

const paper = readPaper(path.resolve(__dirname, '../../data'));
const paragraphs = englishParagraphs(paper);
const paragraphAt = (line: number) => paragraphs.find((p) => p.line === line);
const sentenceWith = (needle: string) =>
  paragraphs.flatMap((p) => splitSentences(p.text)).filter((s) => s.includes(needle));

describe('englishParagraphs', () => {
  it('keeps only English lines', () => {
    expect(paragraphs.length).toBeGreaterThan(100);
    expect(paragraphs.filter((p) => hasCjk(p.text))).toEqual([]);
    expect(paragraphs[0]).toEqual({
      line: 1,
      section: 'Front matter',
      text: 'Large AI Models in Health Informatics: Applications, Challenges, and the Future',
    });
  });

  it('labels every line with the heading in force, captions with their own label', () => {
    const order = [...new Set(paragraphs.map((p) => p.section))];
    expect(order).toEqual([
      'Front matter',
      'Abstract',
      'Fig. 1',
      'Section I',
      'Fig. 2',
      'Section II',
      'Section II-A',
      'Section II-B',
      'Section II-C',
      'Section III',
      'Section III-A',
      'Table I',
      'Section III-B',
      'Section III-C',
      'Section III-D',
      'Section III-E',
      'Section III-F',
      'Section III-G',
      'Section IV',
      'Table II',
      'Fig. 3',
      'Section V',
      'Section V-A',
      'Section V-B',
      'Section VI',
    ]);
    expect(paragraphAt(111)?.text).toContain('ESMfold [84]');
    expect(paragraphAt(111)?.section).toBe('Section III-A');
    expect(paragraphAt(284)?.text.startsWith('- Sustainability:')).toBe(true);
    expect(paragraphAt(284)?.section).toBe('Section IV');
  });

  it('does not return headings', () => {
    expect(
      paragraphs.some((p) => /^(IV\. CHALLENGES|A\. Large Language Models|B\. Responsibility)/.test(p.text)),
    ).toBe(false);
  });

  it('returns the English rows of a table under its caption and skips the Chinese copy', () => {
    expect(paragraphAt(117)?.section).toBe('Table I');
    expect(paragraphAt(121)).toEqual({
      line: 121,
      section: 'Table I',
      text: '| ESMfold | LLM | 15B | UniRef | 0.68 | |||||',
    });
    expect(paragraphs.filter((p) => p.text.startsWith('| HeartBEiT'))).toHaveLength(1);
    expect(paragraphs.filter((p) => p.text.startsWith('|---'))).toEqual([]);
    expect(paragraphAt(249)?.section).toBe('Table II');
    // Lines 63-67 complete the last paragraph of Section II-A, though the OCR printed them first.
    expect(paragraphAt(63)?.text).toMatch(/^scaled up to billions; 2\) data-wise/);
    for (const line of [63, 65, 67, 73, 75]) expect(paragraphAt(line)?.section).toBe('Section II-A');
    for (const line of [61, 69]) expect(paragraphAt(line)?.section).toBe('Section II');
    // The text interrupted by Table I resumes in its own section.
    expect(paragraphAt(166)?.section).toBe('Section III-A');
  });
});

describe('splitSentences', () => {
  it('does not split after et al., e.g., i.e., Fig. or initials', () => {
    expect(sentenceWith('Chen et al. [89]')[0]).toMatch(
      /^To mitigate the severe un availability .* 3D closeness prediction\.$/,
    );
    expect(sentenceWith('As shown in Fig. 1,')[0]).toMatch(
      /^As shown in Fig\. 1, ChatGPT .* initial launch\.$/,
    );
    expect(splitSentences('Some tasks (e.g., DNA) matter, i.e. They do. Next one.')).toEqual([
      'Some tasks (e.g., DNA) matter, i.e. They do.',
      'Next one.',
    ]);
    expect(sentenceWith('Frank P.-W. Lo and Bo Xiao')).toEqual([
      expect.stringMatching(/^Frank P\.-W\. Lo .* b\.xiao@imperial\.ac\.uk\)\.$/),
    ]);
  });

  it('keeps decimals, "vs" and bracketed text inside one sentence', () => {
    const esm = sentenceWith('0.68 vs 0.38');
    expect(esm).toHaveLength(1);
    expect(esm[0]).toMatch(/^ESMfold \[84\] scaled .* templates are unavailable\.$/);
    expect(sentenceWith('ImageNet-1K (1.28M images) [29]')[0]).toMatch(
      /canonical datasets for visual pre-training\.$/,
    );
    expect(sentenceWith('(e.g., biology, medicine, etc.)')[0]).toMatch(
      /^A huge benefit .* world model \[187\]\.$/,
    );
  });

  it('splits at sentence ends, including "etc." and names that start in lower case', () => {
    expect(sentenceWith('politics [176]')[0]).toMatch(/etc\.$/);
    expect(sentenceWith('xTrimoPGLM [87] proposed')[0]).toMatch(/^xTrimoPGLM \[87\] proposed/);
    expect(splitSentences('  One [1].  Two [2]–[3]!  Three?  ')).toEqual([
      'One [1].',
      'Two [2]–[3]!',
      'Three?',
    ]);
  });
});

describe('normalizeWhitespace and paperContains', () => {
  it('collapses whitespace', () => {
    expect(normalizeWhitespace('  a \n\t b  ')).toBe('a b');
  });

  it('finds verbatim quotes whatever their whitespace', () => {
    expect(paperContains(paper, 'including Clinic alBERT [114], BioMegatron [115]')).toBe(true);
    expect(paperContains(paper, 'including  Clinic\nalBERT   [114],\tBioMegatron [115]')).toBe(true);
    expect(paperContains(paper, 'training a GPT-3 model consumes 1287 MWh')).toBe(true);
  });

  it('rejects text that is not in the paper', () => {
    expect(paperContains(paper, 'including ClinicalBERT [114]')).toBe(false);
    expect(paperContains(paper, 'training a GPT-3 model consumes 1288 MWh')).toBe(false);
    expect(paperContains(paper, '   ')).toBe(false);
  });
});
