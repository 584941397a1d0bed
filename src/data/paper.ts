import * as fs from 'fs';
import * as path from 'path';

// Reading the survey's text: survey.txt interleaves each English line with its Chinese
// translation, so everything here works on the English lines only.

/** One English line of the paper, with the heading (or caption) it belongs to. */
export interface Paragraph {
  /** 1-based line number in survey.txt. */
  line: number;
  /** "Front matter", "Abstract", "Section II-A", "Fig. 1", "Table I", ... */
  section: string;
  text: string;
}

export function readPaper(dataDir: string): string {
  return fs.readFileSync(path.join(dataDir, 'paper', 'survey.txt'), 'utf8');
}

// Han ideographs, kana, CJK punctuation and full-width forms: any of them marks a translation line.
const CJK = /[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

export function hasCjk(s: string): boolean {
  return CJK.test(s);
}

const TOP_HEADING = /^([IVX]+)\. [A-Z][A-Z ,&-]+$/; // "IV. CHALLENGES, LIMITATIONS, AND RISKS"
const SUB_HEADING = /^([A-H])\. [A-Z][A-Za-z -]{2,60}$/; // "A. Large Language Models" (no final period)
const FIGURE = /^Fig\. (\d+):/;
const TABLE = /^TABLE ([IVX]+):/;

/**
 * Runs of lines that the OCR printed away from their section, each named by the opening words of
 * its first and of its last line. A run's first line starts mid-sentence, in lower case: it
 * completes the paragraph of the paper that ends mid-sentence, and the whole run belongs to that
 * paragraph's section. Lines 63-67 of survey.txt ("scaled up to billions; 2) data-wise, ..." to
 * "There was an upsurge ...") complete "... the number of learnable parameters of an LLM can be
 * easily" of Section II-A, though the OCR printed them before Section II's last paragraph ("This
 * section provides an overview ...") and the heading "A. Large Language Models".
 */
export const DISPLACED_RUNS: readonly { first: string; last: string }[] = [
  { first: 'scaled up to billions; 2) data-wise', last: 'There was an upsurge in the number of new LLMs' },
];

/** A paragraph that stops mid-sentence: its last word is a lower-case word with no punctuation. */
const endsMidSentence = (p: Paragraph) => !p.text.startsWith('|') && /[a-z]$/.test(p.text);

/**
 * Gives each displaced run the section of the paragraph it completes: the nearest paragraph after
 * the run (or, failing that, before it) that ends mid-sentence, among the paragraphs under a heading
 * of the paper (not captions, table rows or the front matter). A run not found in the text is
 * ignored.
 */
function placeDisplacedRuns(paragraphs: Paragraph[]): void {
  const underHeading = (p: Paragraph) => p.section.startsWith('Section ') && endsMidSentence(p);
  for (const run of DISPLACED_RUNS) {
    const from = paragraphs.findIndex((p) => p.text.startsWith(run.first));
    const to = paragraphs.findIndex((p, i) => i >= from && p.text.startsWith(run.last));
    if (from < 0 || to < 0 || !/^[a-z]/.test(paragraphs[from].text)) continue;
    const completed =
      paragraphs.slice(to + 1).find(underHeading) ?? paragraphs.slice(0, from).reverse().find(underHeading);
    if (!completed) continue;
    for (let i = from; i <= to; i++) paragraphs[i] = { ...paragraphs[i], section: completed.section };
  }
}

/**
 * The English lines of the paper in order, each labelled with the section it belongs to: the heading
 * in force, except for the runs of DISPLACED_RUNS, which take the section of the paragraph they
 * complete (the lines keep their order in the file). Headings themselves are not returned; a
 * figure or table caption (and the rows of its table) gets its own label, after which the heading
 * in force applies again. A table's Chinese copy is a block of "|" rows that starts with a CJK row
 * and may contain rows without CJK (names, numbers), so the rest of such a block is skipped as well.
 */
export function englishParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let top: string | null = null;
  let heading = 'Front matter';
  let table: string | null = null; // label of the table whose rows follow
  let inChineseTable = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    const isRow = line.startsWith('|');
    if (!isRow) {
      inChineseTable = false;
      if (!TABLE.test(line) && !hasCjk(line)) table = null;
    }
    if (line === '' || hasCjk(line)) {
      if (isRow) inChineseTable = true;
      return;
    }
    if (isRow && inChineseTable) return;

    const topMatch = TOP_HEADING.exec(line);
    const subMatch = SUB_HEADING.exec(line);
    if (topMatch) {
      top = topMatch[1];
      heading = `Section ${top}`;
      return;
    }
    if (subMatch && top) {
      heading = `Section ${top}-${subMatch[1]}`;
      return;
    }
    if (/^Abstract\s*[—–-]/.test(line)) heading = 'Abstract';

    const figure = FIGURE.exec(line);
    const caption = TABLE.exec(line);
    if (caption) table = `Table ${caption[1]}`;
    let section = heading;
    if (figure) section = `Fig. ${figure[1]}`;
    else if (table && (caption || isRow)) section = table;
    out.push({ line: index + 1, section, text: line });
  });
  placeDisplacedRuns(out);
  return out;
}

// Words whose final period never ends a sentence here ("et al.", "e.g.", "Fig. 2", "Aug. 2023").
// "etc." is not among them: in this paper it ends sentences ("politics [176], etc. In addition").
const ABBREVIATIONS = new Set([
  'al',
  'e.g',
  'i.e',
  'fig',
  'figs',
  'vs',
  'cf',
  'eq',
  'eqs',
  'dr',
  'mr',
  'ms',
  'prof',
  'sec',
  'approx',
  'ref',
  'refs',
  'jan',
  'feb',
  'aug',
  'sept',
  'nov',
  'dec',
  'u.k',
  'u.s',
]);

/** Positions inside balanced (...) or [...] pairs; unbalanced ones ("1) increased size") protect nothing. */
function protectedPositions(text: string): boolean[] {
  const inside = new Array<boolean>(text.length).fill(false);
  const stack: { char: string; at: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[') stack.push({ char: c, at: i });
    else if (c === ')' || c === ']') {
      const want = c === ')' ? '(' : '[';
      const k = stack.map((s) => s.char).lastIndexOf(want);
      if (k < 0) continue;
      const open = stack[k].at;
      stack.length = k;
      for (let j = open + 1; j < i; j++) inside[j] = true;
    }
  }
  return inside;
}

function isAbbreviation(text: string, period: number): boolean {
  const word = /([A-Za-z.]+)$/.exec(text.slice(0, period))?.[1] ?? '';
  if (ABBREVIATIONS.has(word.toLowerCase().replace(/^\.+/, ''))) return true;
  // A lone capital is an initial ("Frank P.-W. Lo", "Christopher S. Bond").
  return /(^|[\s.-])[A-Z]$/.test(text.slice(0, period));
}

/** Whether the text after a sentence end starts a new sentence ("We", "“N/R”", "xTrimoPGLM [87]"). */
function startsSentence(rest: string): boolean {
  return /^[A-Z“"‘]/.test(rest) || /^[a-z]+[A-Z]/.test(rest);
}

/**
 * Splits a paragraph into sentences at ".", "!" or "?" followed by space and a sentence start,
 * except after abbreviations and initials and inside parentheses or brackets.
 * Decimals ("1.28M") never split because no space follows their period.
 */
export function splitSentences(text: string): string[] {
  const inside = protectedPositions(text);
  const sentences: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ((c !== '.' && c !== '!' && c !== '?') || inside[i]) continue;
    let end = i + 1;
    while (end < text.length && /[”’")\]]/.test(text[end]) && !inside[end]) end++;
    const gap = /^\s+/.exec(text.slice(end));
    if (!gap || !startsSentence(text.slice(end + gap[0].length))) continue;
    if (c === '.' && isAbbreviation(text, i)) continue;
    sentences.push(text.slice(start, end).trim());
    start = end + gap[0].length;
    i = start - 1;
  }
  const last = text.slice(start).trim();
  if (last) sentences.push(last);
  return sentences.filter((s) => s.length > 0);
}

export function normalizeWhitespace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/**
 * Whether `quote` occurs verbatim in the paper, ignoring the kind and amount of whitespace
 * (line breaks, doubled spaces) but not its presence: OCR spacing such as "Clinic alBERT"
 * must be kept as printed.
 */
export function paperContains(text: string, quote: string): boolean {
  const q = normalizeWhitespace(quote);
  return q.length > 0 && normalizeWhitespace(text).includes(q);
}
