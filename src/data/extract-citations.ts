import * as fs from 'fs';
import * as path from 'path';
import { englishParagraphs, splitSentences } from './paper';
import { CitationRecord, MAX_CITATION } from './schema';

// Derives data/citations.json from the paper. The survey prints no bibliography, so a citation
// is what the English text says of it: where it is cited, and what the text calls the cited work.

/** A name or alias of a model, dataset or task of the curated data. */
export interface KnownName {
  name: string;
}

/** One run of adjacent brackets in a sentence: "[84]", "[10], [14]", "[54]–[56]". */
export interface CitationGroup {
  numbers: number[];
  /** The sentence up to the first bracket of the run. */
  before: string;
}

const BRACKET = /\[(\d{1,3})\]/g;

/** Finds the citation runs of a sentence; a dash between two brackets cites the whole range. */
export function citationGroups(sentence: string): CitationGroup[] {
  const groups: CitationGroup[] = [];
  let current: CitationGroup | null = null;
  let lastEnd = -1;
  for (const m of sentence.matchAll(BRACKET)) {
    const n = Number(m[1]);
    const gap = current ? sentence.slice(lastEnd, m.index) : '';
    if (current && /^\s*[–—-]\s*$/.test(gap)) {
      const from = current.numbers[current.numbers.length - 1];
      for (let k = from + 1; k <= n; k++) current.numbers.push(k);
    } else if (current && /^\s*,\s*$/.test(gap)) {
      current.numbers.push(n);
    } else {
      current = { numbers: [n], before: sentence.slice(0, m.index) };
      groups.push(current);
    }
    lastEnd = m.index + m[0].length;
  }
  return groups;
}

// Labelling rule. Only a bracket citing a single number can be labelled: before a run of
// several numbers the text names a topic ("LLMs [10]–[21]"), not one work. The text right
// before the bracket is tried as is, without a trailing parenthesised aside ("ProGen (1.2B)"),
// without a generic head noun ("the Transformer model", "Chain-of-Thought prompting"), and then
// the aside itself ("Segment Anything Model (SAM)").
// 1. The first form that ends with a known name (whole word, case-sensitive, and not the tail
//    of a longer printed name such as "Swin Transformer") gives the longest such name.
// 2. Failing that, the first form that ends with a proper-noun phrase gives it: the trailing
//    run of capitalised, camel-case, upper-case or hyphenated words, with version numbers
//    ("Med-PaLM 2"), kept as printed ("Clinic alBERT"). A lone plain capitalised word ("Lam",
//    "Chinese") counts only before a head noun ("the Transformer model"): alone it is as often
//    an author or a language as a work. Author phrases ("Chen et al."), plural or generic
//    acronyms ("LLMs", "SOTA"), organisations ("the data policy of OpenAI") and lower-case
//    phrases ("symptom checker") give no label. Techniques named at their bracket are labels
//    ("Chain-of-Thought prompting [22]" gives "Chain-of-Thought", "(LoRA) [124]" gives "LoRA").

const HEAD_NOUN = /\s+(?:model|architecture|framework|work|prompting)$/;
const ASIDE = /\s*\(([^()]*)\)$/;
const DETERMINERS = new Set(['The', 'A', 'An', 'This', 'These', 'That', 'Its', 'Their', 'Our']);
// Words that name no single work: class acronyms and organisations.
const GENERIC = new Set([
  'OpenAI',
  'DeepMind',
  'Google',
  'Meta',
  'Microsoft',
  'Twitter',
  'AI',
  'ML',
  'NLP',
  'CV',
  'LLM',
  'LVM',
  'LMM',
  'LAM',
  'LVLM',
  'SOTA',
  'CNN',
  'CAD',
  'MSA',
  'PLM',
  'EHR',
  'CT',
  'MRI',
  'OCT',
  'ECG',
  'RL',
  'US',
]);

const isNameWord = (t: string) => /^[A-Za-z][\w\-/+.'’]*[\w+-]$|^[A-Z]$/.test(t) && /[A-Z]/.test(t);
const isNumberWord = (t: string) => /^\d[\w.-]*$/.test(t);
const isPlainWord = (t: string) => /^[A-Z][a-z]+$/.test(t);
const isGeneric = (t: string) => GENERIC.has(t) || /^[A-Z][A-Za-z]*[A-Z]s$/.test(t); // "LLMs", "ViTs"

interface Form {
  text: string;
  headStripped: boolean;
  /** The whole form must be the name (an aside is a name only when it is nothing else). */
  whole: boolean;
}

function formsBefore(before: string): Form[] {
  const text = before.trimEnd();
  const aside = ASIDE.exec(text);
  const bare = aside ? text.slice(0, aside.index).trimEnd() : text;
  const forms: Form[] = [{ text, headStripped: false, whole: false }];
  if (aside) forms.push({ text: bare, headStripped: false, whole: false });
  if (HEAD_NOUN.test(bare))
    forms.push({ text: bare.replace(HEAD_NOUN, ''), headStripped: true, whole: false });
  if (aside) forms.push({ text: aside[1].trim(), headStripped: false, whole: true });
  return forms.filter((f) => f.text.length > 0);
}

function knownNameAtEnd(form: Form, names: string[]): string | null {
  for (const name of names) {
    if (!form.text.endsWith(name)) continue;
    const start = form.text.length - name.length;
    if (form.whole ? start === 0 : start === 0 || !/[\p{L}\p{N}_-]/u.test(form.text[start - 1])) return name;
  }
  return null;
}

/** The trailing run of name-like words of a form ("Swin Transformer", "Med-PaLM 2"), as printed. */
function nameRun(form: Form): string[] {
  const words = form.text.split(/\s+/);
  const run: string[] = [];
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i];
    const afterName = i > 0 && isNameWord(words[i - 1]);
    const ocrFragment = afterName && run.length > 0 && /^[a-z]$/.test(w); // "BioMe d RoBERTa"
    const superscript = afterName && /^\$\^\{?[^\s$]+\}?\$$/.test(w); // "ChatCAD $^+$"
    if (isNameWord(w) || isNumberWord(w) || ocrFragment || superscript) run.unshift(w);
    else break;
  }
  while (run.length > 1 && DETERMINERS.has(run[0])) run.shift();
  // A sentence's first word is capitalised anyway: "As ESMfold" is "ESMfold", "Stable Diffusion" stays.
  const rest = run.slice(1);
  if (
    run.length === words.length &&
    isPlainWord(run[0]) &&
    (rest.length > 1 || (rest.length === 1 && !isPlainWord(rest[0])))
  )
    run.shift();
  return run;
}

function properNounAtEnd(form: Form): string | null {
  const run = nameRun(form);
  if (run.length === 0 || !/^[A-Za-z]/.test(run[0]) || isGeneric(run[run.length - 1])) return null;
  if (form.whole && run.join(' ') !== form.text) return null;
  if (run.length === 1 && (isPlainWord(run[0]) || DETERMINERS.has(run[0])) && !form.headStripped) return null;
  return run.join(' ');
}

interface Label {
  label: string;
  known: boolean;
}

/** What the text right before a single-number bracket calls the cited work, if anything. */
function labelBefore(before: string, namesLongestFirst: string[]): Label | null {
  const forms = formsBefore(before);
  for (const form of forms) {
    const known = knownNameAtEnd(form, namesLongestFirst);
    // A known name that is only the tail of a longer printed name ("Swin Transformer") is not it.
    if (
      known &&
      !nameRun(form)
        .join(' ')
        .endsWith(' ' + known)
    )
      return { label: known, known: true };
  }
  for (const form of forms) {
    const found = properNounAtEnd(form);
    if (found) return { label: found, known: false };
  }
  return null;
}

/** Known names beat proper-noun guesses; then the most frequent label wins, ties to the first seen. */
function chooseLabel(labels: Label[]): string | null {
  const pool = labels.some((l) => l.known) ? labels.filter((l) => l.known) : labels;
  const counts = new Map<string, number>();
  for (const l of pool) counts.set(l.label, (counts.get(l.label) ?? 0) + 1);
  let best: string | null = null;
  for (const [label, count] of counts)
    if (best === null || count > (counts.get(best) as number)) best = label;
  return best;
}

/** One record per reference number 1..191, in order, from the English text of the paper. */
export function extractCitations(paperText: string, knownNames: KnownName[]): CitationRecord[] {
  const names = [...new Set(knownNames.map((k) => k.name.trim()).filter((n) => n.length > 0))].sort(
    (a, b) => b.length - a.length || a.localeCompare(b),
  );
  const mentions = new Map<number, { section: string; sentence: string }[]>();
  const labels = new Map<number, Label[]>();
  for (const paragraph of englishParagraphs(paperText)) {
    for (const sentence of splitSentences(paragraph.text)) {
      for (const group of citationGroups(sentence)) {
        for (const n of group.numbers) {
          const list = mentions.get(n) ?? [];
          if (!list.some((m) => m.section === paragraph.section && m.sentence === sentence))
            list.push({ section: paragraph.section, sentence });
          mentions.set(n, list);
        }
        const label = group.numbers.length === 1 ? labelBefore(group.before, names) : null;
        if (label) labels.set(group.numbers[0], [...(labels.get(group.numbers[0]) ?? []), label]);
      }
    }
  }
  return Array.from({ length: MAX_CITATION }, (_, i): CitationRecord => {
    const number = i + 1;
    const found = mentions.get(number) ?? [];
    const record: CitationRecord = { number, label: chooseLabel(labels.get(number) ?? []), mentions: found };
    if (found.length === 0)
      record.notes = `[${number}] is not cited in the English text of paper/survey.txt (the seed text), so nothing is known of it.`;
    return record;
  });
}

/** Names and aliases of data/models.json, datasets.json and tasks.json; a missing file counts as empty. */
export function readKnownNames(dataDir: string): { names: KnownName[]; missing: string[] } {
  const names: KnownName[] = [];
  const missing: string[] = [];
  for (const file of ['models.json', 'datasets.json', 'tasks.json']) {
    const full = path.join(dataDir, file);
    if (!fs.existsSync(full)) {
      missing.push(file);
      continue;
    }
    const records = JSON.parse(fs.readFileSync(full, 'utf8')) as { name?: unknown; aliases?: unknown[] }[];
    if (!Array.isArray(records)) throw new Error(`data/${file} must contain a JSON array of records`);
    for (const r of records) {
      for (const n of [r.name, ...(Array.isArray(r.aliases) ? r.aliases : [])])
        if (typeof n === 'string') names.push({ name: n });
    }
  }
  return { names, missing };
}

/** The exact bytes of data/citations.json. */
export function formatCitations(records: CitationRecord[]): string {
  return JSON.stringify(records, null, 2) + '\n';
}
