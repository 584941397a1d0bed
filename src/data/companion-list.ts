// Reads the authors' companion list (data/companion/README.md, Awesome-Healthcare-Foundation-Models)
// into entries. The list is hand-written Markdown, so the reader is strict: whatever does not have the
// list's usual form is reported as a problem with its line, never completed by a guess.

export type CompanionKind = 'model' | 'application' | 'legislation' | 'dataset';
export interface CompanionLink {
  label: string;
  url: string;
}
export interface CompanionEntry {
  /** 1-based line where the entry starts. */
  line: number;
  /** The bullet without its "- " (wrapped lines joined by one space), or the table row, trimmed. */
  text: string;
  /** Heading path below the list's title, e.g. ['Large Language Models', 'Healthcare Domain']. */
  section: string[];
  kind: CompanionKind;
  /** As written, typos included ("Big Fantastic Datasbase"). */
  name: string;
  /** The paper title after "Name:"; null for laws and datasets. */
  title: string | null;
  links: CompanionLink[];
  /** Models: from "Large Language/Vision/Audio/Multi-modal Models". */
  modelType?: 'LLM' | 'LVM' | 'LAM' | 'LMM';
  /** Models: from "Healthcare Domain" / "General Domain". */
  domain?: 'HEALTHCARE' | 'GENERAL';
  /** Applications: the slug of data/sectors.json that the subsection names. */
  sector?: string;
  /** Laws: what the trailing parentheses say ("EU", "UK", "USA", "China"). */
  jurisdiction?: string;
  /** Datasets: which of the two tables the row is in. */
  access?: 'OPEN' | 'ON_APPROVAL';
  /** Datasets: the Description cell as written. */
  description?: string;
}
export interface CompanionProblem {
  line: number;
  text: string;
  reason: string;
}
export interface CompanionList {
  entries: CompanionEntry[];
  problems: CompanionProblem[];
}

type EntryFields = Pick<
  CompanionEntry,
  'kind' | 'modelType' | 'domain' | 'sector' | 'jurisdiction' | 'access' | 'description'
>;

const MODEL_SECTIONS: Record<string, NonNullable<CompanionEntry['modelType']>> = {
  'Large Language Models': 'LLM',
  'Large Vision Models': 'LVM',
  'Large Audio Models': 'LAM',
  'Large Multi-modal Models': 'LMM',
};
const DOMAINS: Record<string, NonNullable<CompanionEntry['domain']>> = {
  'Healthcare Domain': 'HEALTHCARE',
  'General Domain': 'GENERAL',
};
const APPLICATIONS = 'Applications of Large AI Models in Healthcare';
// The slugs of data/sectors.json, named here rather than derived so a renamed heading is noticed.
const SECTORS: Record<string, string> = {
  Bioinformatics: 'bioinformatics',
  'Medical Diagnosis': 'medical-diagnosis',
  'Medical Imaging': 'medical-imaging',
  'Medical Informatics': 'medical-informatics',
  'Medical Education': 'medical-education',
  'Public Health': 'public-health',
  'Medical Robotics': 'medical-robotics',
};
const LEGISLATION = 'AI Legislation';
const DATASETS = 'Large-scale Datasets in Biomedical and Health Informatics';
const ACCESS: Record<string, NonNullable<CompanionEntry['access']>> = {
  'Open Source': 'OPEN',
  'Private or Upon Approval': 'ON_APPROVAL',
};
const DATASET_HEADER = ['Dataset', 'Description'];

/**
 * The list's names are short ("Med-PaLM 2", "Big Transfer (BiT)", "Swin Transformer V2"); a longer run
 * before the first colon is a paper title with a colon of its own ("An Image is Worth 16x16 Words: ..."),
 * so it is not taken for a name.
 */
export const MAX_NAME_WORDS = 4;

/** What a section path reads as: entries of one kind, a problem for every item in it, or nothing. */
type SectionReading = { fields: EntryFields } | { problem: string } | null;

function subsectionReading<T>(
  section: string[],
  known: Record<string, T>,
  fields: (value: T) => EntryFields,
): SectionReading {
  const sub = section[1];
  if (sub === undefined) return { problem: `no subsection under "${section[0]}"` };
  const value = known[sub];
  if (value === undefined) return { problem: `unknown subsection "${sub}" of "${section[0]}"` };
  return { fields: fields(value) };
}

/** Only the model, application, legislation and dataset sections are read; News, Survey etc. are not. */
function readingOf(section: string[]): SectionReading {
  const top = section[0];
  if (top === undefined) return null;
  const modelType = MODEL_SECTIONS[top];
  if (modelType !== undefined)
    return subsectionReading(section, DOMAINS, (domain) => ({ kind: 'model', modelType, domain }));
  if (top === APPLICATIONS)
    return subsectionReading(section, SECTORS, (sector) => ({ kind: 'application', sector }));
  if (top === LEGISLATION) return { fields: { kind: 'legislation' } };
  if (top === DATASETS) return subsectionReading(section, ACCESS, (access) => ({ kind: 'dataset', access }));
  return null;
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const TABLE_ROW = /^\s*\|/;
const FENCE = /^\s*(```|~~~)/;
// "**CNNs**:" groups bullets under a heading; it is neither an entry nor part of one.
const GROUP_LABEL = /^\s*\*\*[^*]+\*\*:?\s*$/;
const SEPARATOR_CELL = /^:?-+:?$/;

/** A line that starts something of its own, and so cannot continue the bullet above it. */
function startsBlock(line: string): boolean {
  return (
    line.trim() === '' ||
    HEADING.test(line) ||
    BULLET.test(line) ||
    TABLE_ROW.test(line) ||
    FENCE.test(line) ||
    GROUP_LABEL.test(line)
  );
}

/** A table row's cells, trimmed; the outer pipes are optional as in GitHub's Markdown. */
function tableCells(row: string): string[] {
  let inner = row.trim();
  if (inner.startsWith('|')) inner = inner.slice(1);
  if (inner.endsWith('|')) inner = inner.slice(0, -1);
  return inner.split('|').map((c) => c.trim());
}

function isSeparatorRow(line: string | undefined): boolean {
  return line !== undefined && TABLE_ROW.test(line) && tableCells(line).every((c) => SEPARATOR_CELL.test(c));
}

/**
 * Reads the run of "[[Label]](url)" links that ends a bullet. URLs may hold balanced parentheses
 * (".../PIIS2666-6065(24)00042-7/fulltext"), so the closing one is found by counting. Null when the
 * run is not made of such links alone.
 */
function readLinkRun(run: string): CompanionLink[] | null {
  const links: CompanionLink[] = [];
  let rest = run.trim();
  while (rest !== '') {
    const open = /^\[\[([^\]]+)\]\]\(/.exec(rest);
    if (!open) return null;
    let depth = 1;
    let end = open[0].length;
    for (; end < rest.length && depth > 0; end++) {
      if (rest[end] === '(') depth++;
      else if (rest[end] === ')') depth--;
    }
    if (depth !== 0) return null;
    const url = rest.slice(open[0].length, end - 1);
    if (url === '' || /\s/.test(url)) return null;
    links.push({ label: open[1].trim(), url });
    rest = rest.slice(end).trimStart();
  }
  return links.length > 0 ? links : null;
}

type ItemReading = Omit<CompanionEntry, 'line' | 'text' | 'section'> | { reason: string };

/** "Name: Title [[Paper]](url) ...", the form of model and application bullets. */
function readModelBullet(head: string, links: CompanionLink[], fields: EntryFields): ItemReading {
  const colon = head.indexOf(':');
  const name = colon < 0 ? '' : head.slice(0, colon).trim();
  if (name === '') return { reason: 'no model name before a colon' };
  const words = name.split(/\s+/).length;
  if (words > MAX_NAME_WORDS)
    return {
      reason: `no model name before the colon: "${name}" is ${words} words, a title rather than a name`,
    };
  const title = head.slice(colon + 1).trim();
  return { ...fields, name, title: title === '' ? null : title, links };
}

/** "Name (Jurisdiction) [[Source]](url)", the form of legislation bullets. */
function readLegislationBullet(head: string, links: CompanionLink[], fields: EntryFields): ItemReading {
  const m = /^(.*\S)\s*\(([^()]+)\)$/.exec(head);
  if (!m) return { reason: 'no jurisdiction in parentheses after the name' };
  return { ...fields, name: m[1], title: null, links, jurisdiction: m[2].trim() };
}

function readBullet(text: string, fields: EntryFields): ItemReading {
  if (fields.kind === 'dataset') return { reason: 'a bullet where the dataset table is expected' };
  const start = text.indexOf('[[');
  if (start < 0) return { reason: 'no [[...]](url) links' };
  const links = readLinkRun(text.slice(start));
  if (links === null) return { reason: 'the text after the first [[ is not a run of [[...]](url) links' };
  const head = text.slice(0, start).trim();
  return fields.kind === 'legislation'
    ? readLegislationBullet(head, links, fields)
    : readModelBullet(head, links, fields);
}

/** "| [Name](url) | Description |", the form of the dataset tables' rows. */
function readDatasetRow(row: string, fields: EntryFields): ItemReading {
  if (fields.kind !== 'dataset') return { reason: 'a table row where bullets are expected' };
  const cells = tableCells(row);
  if (cells.length !== DATASET_HEADER.length)
    return {
      reason: `expected ${DATASET_HEADER.length} cells (Dataset, Description), found ${cells.length}`,
    };
  const [dataset, description] = cells;
  // Greedy up to the cell's last ")" so a URL with parentheses stays whole.
  const link = /^\[([^[\]]+)\]\((\S+)\)$/.exec(dataset);
  if (!link) return { reason: 'the Dataset cell is not a [Name](url) link' };
  if (description === '') return { reason: 'empty Description cell' };
  const name = link[1].trim();
  return { ...fields, name, title: null, links: [{ label: name, url: link[2] }], description };
}

/** Parses the companion list. Every bullet and table row of a read section is an entry or a problem. */
export function parseCompanionList(markdown: string): CompanionList {
  const lines = markdown.split(/\r?\n/);
  const entries: CompanionEntry[] = [];
  const problems: CompanionProblem[] = [];
  let section: string[] = [];
  let reading: SectionReading = null;
  let inFence = false;

  const record = (line: number, text: string, item: ItemReading) => {
    if ('reason' in item) problems.push({ line, text, reason: item.reason });
    else entries.push({ line, text, section: [...section], ...item });
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    // Code blocks (the BibTeX one) may hold lines that look like headings or bullets.
    if (FENCE.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const heading = HEADING.exec(line);
    if (heading) {
      // The level-1 heading is the list's own title; the path starts below it.
      const level = heading[1].length;
      section = level === 1 ? [] : [...section.slice(0, level - 2), heading[2]];
      reading = readingOf(section);
      continue;
    }
    if (reading === null) continue;
    const bullet = BULLET.exec(line);
    if (bullet) {
      const parts = [bullet[1].trim()];
      while (i + 1 < lines.length && !startsBlock(lines[i + 1])) parts.push(lines[++i].trim());
      const text = parts.join(' ');
      record(
        i + 2 - parts.length,
        text,
        'problem' in reading ? { reason: reading.problem } : readBullet(text, reading.fields),
      );
    } else if (TABLE_ROW.test(line)) {
      if (isSeparatorRow(line)) continue;
      const text = line.trim();
      if (isSeparatorRow(lines[i + 1])) {
        // A header row: checked, so a table of another shape is reported rather than misread.
        const cells = tableCells(line);
        if (cells.join('|') !== DATASET_HEADER.join('|'))
          problems.push({ line: i + 1, text, reason: `unexpected table header (${cells.join(', ')})` });
        continue;
      }
      record(
        i + 1,
        text,
        'problem' in reading ? { reason: reading.problem } : readDatasetRow(line, reading.fields),
      );
    }
    // Anything else (prose, group labels) is not an entry.
  }
  return { entries, problems };
}
