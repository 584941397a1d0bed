import * as fs from 'fs';
import * as path from 'path';
import { englishParagraphs, splitSentences } from './paper';
import { CitationRecord, MAX_CITATION } from './schema';

// Derives data/citations.json from the paper. The survey prints no bibliography, so a citation
// is what the English text says of it: where it is cited, and what the text calls the cited work.

/** A name or alias of a model, dataset or task of the curated data. */
export interface KnownName {
  name: string;
  /** The record it names ("models/instructgpt"): the names of one record are forms of one work. */
  entity?: string;
  /** Whether it is the record's name (its clean spelling) rather than one of its aliases. */
  primary?: boolean;
}

/** One run of adjacent brackets in a sentence: "[84]", "[10], [14]", "[54]–[56]". */
export interface CitationGroup {
  numbers: number[];
  /** The sentence up to the first bracket of the run. */
  before: string;
  /** The sentence after the last bracket of the run. */
  after: string;
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
      current = { numbers: [n], before: sentence.slice(0, m.index), after: '' };
      groups.push(current);
    }
    lastEnd = m.index + m[0].length;
    current.after = sentence.slice(lastEnd);
  }
  return groups;
}

// Labelling rule. A run of several numbers is labelled only by a known name right before it
// ("PubMed [111], [112]": one work through several references); otherwise the text before such a
// run names a topic ("LLMs [10]–[21]"), not one work. For a single number, the text right
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
// 3. Failing both, a known name that the sentence gives the work in another construction (see
//    labelsElsewhere): after an author phrase, as the subject of the bracket's clause, or as a
//    dataset's variant. These count below a known name right before a bracket.
// A reference's label and aliases are then chosen among its labels by chooseLabel.

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

/** How a label was found: named right before the bracket, by a known name or a guess, or otherwise. */
enum Rank {
  /** A known name right before the bracket ("ESMfold [84]", "PubMed [111], [112]"). */
  KnownBefore = 0,
  /** A known name in another construction of the sentence ("Li et al. [101] proposed BEHRT"). */
  KnownIndirect = 1,
  /** A proper-noun phrase right before the bracket, not a known name. */
  Guess = 2,
}

interface Label {
  label: string;
  rank: Rank;
  /** The record the label names, when it is a known name. */
  entity?: string;
  primary?: boolean;
}

type Names = { longestFirst: string[]; byName: Map<string, KnownName> };

const known = (names: Names, label: string, rank: Rank): Label => {
  const k = names.byName.get(label);
  return { label, rank, entity: k?.entity, primary: k?.primary };
};

/** What the text right before a bracket calls the cited work, if anything. */
function labelBefore(before: string, names: Names): Label | null {
  const forms = formsBefore(before);
  for (const form of forms) {
    const found = knownNameAtEnd(form, names.longestFirst);
    // A known name that is only the tail of a longer printed name ("Swin Transformer") is not it.
    if (
      found &&
      !nameRun(form)
        .join(' ')
        .endsWith(' ' + found)
    )
      return known(names, found, Rank.KnownBefore);
  }
  for (const form of forms) {
    const found = properNounAtEnd(form);
    if (found) return { label: found, rank: Rank.Guess };
  }
  return null;
}

// Constructions that name the cited work elsewhere than right before its bracket. Each gives a
// label only when the name it finds is a known name, whole:
// - after an author phrase, the work the authors proposed: "Li et al. [101] proposed BEHRT",
//   "Chen et al. [89] proposed the RNA foundation model (RNA-FM)" (every known form of the phrase:
//   "RNA-FM" and "RNA foundation model"), "Mitchell et al. [135] proposed a zero-shot detector
//   named DetectGPT", "The OPTICAL model proposed by Shue et al. [133]";
// - the subject of the bracket's clause: "(e.g., LLaMa 2 was pre-trained with 2 trillion tokens [11]";
// - a dataset's variant named by its size or suffix alone after the name it varies:
//   "JFT (300M [31] and 3B [32] images)" gives "JFT-300M" and "JFT-3B", "ImageNet-1K (1.28M
//   images) [29] and -21K (14M images) [30]" gives "ImageNet-21K".

const AUTHORS = /(?:^|\s)[A-Z][\p{L}'’-]+(?: et al\.| and [A-Z][\p{L}'’-]+)\s*$/u;
const PROPOSED_BY = /\s+(?:proposed|devised|developed|introduced|presented) by$/;
const PROPOSED = /^\s*(?:proposed|devised|developed|introduced|presented)\s+(.*)$/;
const CLAUSE_VERB =
  /^(?:was|were|is|are|has been|had been) (?:pre-trained|trained|proposed|developed|introduced|released)\b/;
const SIZE_VARIANTS = /(?:^|\s)([A-Za-z][\w-]*) \((?:[\d.]+[KMB] \[\d+\](?:,| and|, and) )*([\d.]+[KMB])\s*$/;
const SUFFIX_VARIANT = /(?:^|\s)([A-Za-z][\w]*)-[\w.]+\b.*\s(-[\w.]+)(?:\s*\([^()]*\))?\s*$/;

function labelsElsewhere(group: CitationGroup, names: Names): Label[] {
  const isKnown = (t: string) => names.byName.has(t);
  const labels = (found: string[]) =>
    [...new Set(found.filter(isKnown))].map((l) => known(names, l, Rank.KnownIndirect));
  const before = group.before.trimEnd();
  if (AUTHORS.test(before)) {
    const lead = before.replace(AUTHORS, '');
    if (PROPOSED_BY.test(lead)) {
      const subject = lead.replace(PROPOSED_BY, '').replace(HEAD_NOUN, '');
      const name = knownNameAtEnd({ text: subject, headStripped: true, whole: false }, names.longestFirst);
      if (name) return labels([name]);
    }
    const object = PROPOSED.exec(group.after)?.[1]
      .split(/,|\s(?:which|that|to)\s/)[0]
      .trim();
    if (object) {
      const aside = ASIDE.exec(object);
      const bare = (aside ? object.slice(0, aside.index) : object).trim();
      const named = / named (.+)$/.exec(bare)?.[1];
      const noun = bare.replace(/^(?:the|a|an) /i, '');
      return labels([aside?.[1].trim(), named, noun].filter((t): t is string => !!t));
    }
    return [];
  }
  const clause = before
    .split(/[(;]|,\s|\be\.g\.,?\s|\bi\.e\.,?\s/)
    .pop()!
    .trim();
  const subject = names.longestFirst.find(
    (n) => clause.startsWith(n + ' ') && CLAUSE_VERB.test(clause.slice(n.length + 1)),
  );
  if (subject) return labels([subject]);
  const size = SIZE_VARIANTS.exec(before);
  if (size) return labels([`${size[1]}-${size[2]}`]);
  const suffix = SUFFIX_VARIANT.exec(before);
  if (suffix) return labels([suffix[1] + suffix[2]]);
  return [];
}

/** The labels a citation run gives its numbers: one work for one number, or a known name for several. */
function labelsOf(group: CitationGroup, names: Names): Label[] {
  const before = labelBefore(group.before, names);
  if (group.numbers.length > 1) return before?.rank === Rank.KnownBefore ? [before] : [];
  return before ? [before] : labelsElsewhere(group, names);
}

const spacingOf = (s: string) => s.replace(/\s+/g, '').toLowerCase();

/**
 * The label of a reference and its aliases. The labels of the best rank found compete: those that
 * name the same record (or differ only in spacing) are one work, and the work named most often
 * wins, ties to the first seen. Its label is the record's clean name where the text prints it
 * ("InstructGPT", not the more frequent "Instruct GP T"), else its most frequent printed form; its
 * aliases are the other forms the text prints for it, at any rank, in order of appearance.
 */
function chooseLabel(labels: Label[]): { label: string; aliases: string[] } | null {
  if (labels.length === 0) return null;
  const best = Math.min(...labels.map((l) => l.rank)) as Rank;
  const workOf = (l: Label) => l.entity ?? spacingOf(l.label);
  const counts = new Map<string, number>();
  for (const l of labels) if (l.rank === best) counts.set(workOf(l), (counts.get(workOf(l)) ?? 0) + 1);
  let work: string | null = null;
  for (const [w, count] of counts) if (work === null || count > (counts.get(work) as number)) work = w;
  const pool = labels.filter((l) => l.rank === best && workOf(l) === work);
  const same = (l: Label) =>
    workOf(l) === work || pool.some((p) => spacingOf(p.label) === spacingOf(l.label));
  const forms = new Map<string, number>();
  for (const l of pool) forms.set(l.label, (forms.get(l.label) ?? 0) + 1);
  let label = pool.find((l) => l.primary)?.label ?? null;
  if (label === null)
    for (const [form, count] of forms)
      if (label === null || count > (forms.get(label) as number)) label = form;
  const aliases = [...new Set(labels.filter(same).map((l) => l.label))].filter((a) => a !== label);
  return { label: label as string, aliases };
}

/** One record per reference number 1..191, in order, from the English text of the paper. */
export function extractCitations(paperText: string, knownNames: KnownName[]): CitationRecord[] {
  const byName = new Map<string, KnownName>();
  for (const k of knownNames) {
    const name = k.name.trim();
    if (name.length === 0) continue;
    // a name two records share belongs to the first
    if (!byName.has(name)) byName.set(name, { ...k, name });
  }
  const names: Names = {
    byName,
    longestFirst: [...byName.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b)),
  };
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
        const found = labelsOf(group, names);
        if (found.length > 0)
          for (const n of group.numbers) labels.set(n, [...(labels.get(n) ?? []), ...found]);
      }
    }
  }
  return Array.from({ length: MAX_CITATION }, (_, i): CitationRecord => {
    const number = i + 1;
    const found = mentions.get(number) ?? [];
    const chosen = chooseLabel(labels.get(number) ?? []);
    const record: CitationRecord = {
      number,
      label: chosen?.label ?? null,
      ...(chosen && chosen.aliases.length > 0 ? { aliases: chosen.aliases } : {}),
      mentions: found,
    };
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
    const records = JSON.parse(fs.readFileSync(full, 'utf8')) as {
      slug?: unknown;
      name?: unknown;
      aliases?: unknown[];
    }[];
    if (!Array.isArray(records)) throw new Error(`data/${file} must contain a JSON array of records`);
    for (const r of records) {
      const entity = `${file.replace(/\.json$/, '')}/${String(r.slug)}`;
      if (typeof r.name === 'string') names.push({ name: r.name, entity, primary: true });
      for (const n of Array.isArray(r.aliases) ? r.aliases : [])
        if (typeof n === 'string') names.push({ name: n, entity, primary: false });
    }
  }
  return { names, missing };
}

/** The exact bytes of data/citations.json. */
export function formatCitations(records: CitationRecord[]): string {
  return JSON.stringify(records, null, 2) + '\n';
}
