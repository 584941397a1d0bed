import * as fs from 'fs';
import * as path from 'path';
import type { z } from 'zod';
import { DATA_FILES, dataSchemas, DataKind, isExternalSource, MAX_CITATION, SurveyData } from './schema';
import { paperContains, readPaper } from './paper';

/** One problem in a data file, precise enough for a curator to find it. */
export interface DataIssue {
  file: string;
  record?: string;
  field?: string;
  message: string;
}

export class DataValidationError extends Error {
  constructor(readonly issues: DataIssue[]) {
    super(
      `invalid data (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((i) => '  - ' + formatIssue(i)).join('\n'),
    );
    this.name = 'DataValidationError';
  }
}

export function formatIssue(issue: DataIssue): string {
  const where = [
    issue.file,
    issue.record && `record ${issue.record}`,
    issue.field && `field "${issue.field}"`,
  ]
    .filter(Boolean)
    .join(', ');
  return `${where}: ${issue.message}`;
}

const recordLabel = (index: number, raw: unknown): string => {
  const r = raw as { slug?: unknown; number?: unknown } | null;
  const id =
    typeof r?.slug === 'string'
      ? ` (slug "${r.slug}")`
      : typeof r?.number === 'number'
        ? ` (number ${r.number})`
        : '';
  return `#${index}${id}`;
};

function readKind(dataDir: string, kind: DataKind, issues: DataIssue[]): unknown[] {
  const file = `data/${kind}.json`;
  const full = path.join(dataDir, `${kind}.json`);
  let text: string;
  try {
    text = fs.readFileSync(full, 'utf8');
  } catch {
    issues.push({ file, message: `file is missing (expected ${full})` });
    return [];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    issues.push({ file, message: `is not valid JSON: ${(err as Error).message}` });
    return [];
  }
  if (!Array.isArray(parsed)) {
    issues.push({ file, message: 'must contain a JSON array of records' });
    return [];
  }
  return parseRecords(kind, parsed, DATA_FILES[kind], issues);
}

/** The records of one kind that have their schema's shape; an issue for every one that has not. */
function parseRecords(
  kind: DataKind,
  records: unknown[],
  schema: z.ZodType,
  issues: DataIssue[],
  keep = true,
): unknown[] {
  const file = `data/${kind}.json`;
  const out: unknown[] = [];
  records.forEach((raw, index) => {
    const result = schema.safeParse(raw);
    if (result.success) {
      if (keep) out.push(result.data);
      return;
    }
    for (const issue of result.error.issues) {
      const unknownKeys = issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys : [];
      const field = [...issue.path, ...unknownKeys.slice(0, 1)].join('.') || undefined;
      issues.push({ file, record: recordLabel(index, raw), field, message: issue.message });
    }
  });
  return out;
}

/** Reads and validates every file of data/: shapes, unique keys, references, citation numbers, quotes. */
export function loadSurveyData(dataDir: string): SurveyData {
  const issues: DataIssue[] = [];
  const data = Object.fromEntries(
    (Object.keys(DATA_FILES) as DataKind[]).map((kind) => [kind, readKind(dataDir, kind, issues)]),
  ) as unknown as SurveyData;
  // Checked even when some records failed their shape, so one run reports everything it can.
  checkReferences(data, MAX_CITATION, issues);
  checkStatements(data, MAX_CITATION, issues);
  const paper = readPaperOrReport(dataDir, issues);
  if (paper !== null) checkQuotes(data, paper, issues);
  if (issues.length > 0) throw new DataValidationError(issues);
  return data;
}

/**
 * The checks of loadSurveyData on a graph already in memory (a synthetic one): shapes, with citation
 * numbers up to the graph's own `maxCitation`, unique keys, references, every number 1..maxCitation
 * present, and quotes in the paper.
 */
export function validateSurveyData(data: SurveyData, maxCitation: number, paper: string): void {
  const issues: DataIssue[] = [];
  const schemas = dataSchemas(maxCitation);
  // the parsed copies are dropped as they come: a million of them would double the memory
  for (const kind of Object.keys(schemas) as DataKind[])
    parseRecords(kind, data[kind], schemas[kind], issues, false);
  checkReferences(data, maxCitation, issues);
  checkStatements(data, maxCitation, issues);
  checkQuotes(data, paper, issues);
  if (issues.length > 0) throw new DataValidationError(issues);
}

/** Fields a statement cannot be about: the record's identity and its own provenance. */
const NOT_STATED = new Set(['slug', 'source', 'notes', 'statements']);

/**
 * The statements of a record agree with it: each names a field the record has and a value that field
 * could hold, or neither (a source of the whole entity); on a field with statements exactly one is
 * preferred, and the record holds its value.
 */
function checkStatements(data: SurveyData, maxCitation: number, issues: DataIssue[]): void {
  const schemas = dataSchemas(maxCitation);
  for (const kind of ['models', 'datasets'] as const) {
    data[kind].forEach((record, i) => {
      const problem = (field: string, message: string) =>
        issues.push({ file: `data/${kind}.json`, record: recordLabel(i, record), field, message });
      const preferred = new Map<string, number>();
      (record.statements ?? []).forEach((st, j) => {
        const at = `statements.${j}`;
        if (st.field === undefined) {
          if (st.value !== undefined || st.preferred !== undefined)
            problem(
              at,
              'a statement without a field (a source of the whole entity) has no value and is not preferred',
            );
          return;
        }
        if (NOT_STATED.has(st.field) || !(st.field in record)) {
          problem(`${at}.field`, `"${st.field}" is not a field a source can state`);
          return;
        }
        const fits = schemas[kind].safeParse({ ...record, [st.field]: st.value, statements: undefined });
        const wrong = fits.success ? undefined : fits.error.issues.find((x) => x.path[0] === st.field);
        if (wrong) problem(`${at}.value`, `not a value of ${st.field}: ${wrong.message}`);
        if (st.preferred) {
          preferred.set(st.field, (preferred.get(st.field) ?? 0) + 1);
          if (JSON.stringify(st.value) !== JSON.stringify(record[st.field as keyof typeof record]))
            problem(`${at}.value`, `the preferred statement's value is not the record's ${st.field}`);
        } else preferred.set(st.field, preferred.get(st.field) ?? 0);
      });
      for (const [field, n] of preferred)
        if (n !== 1) problem('statements', `exactly one statement on ${field} must be preferred, ${n} are`);
    });
  }
}

function readPaperOrReport(dataDir: string, issues: DataIssue[]): string | null {
  try {
    return readPaper(dataDir);
  } catch {
    issues.push({
      file: 'data/paper/survey.txt',
      message: `file is missing (expected ${path.join(dataDir, 'paper', 'survey.txt')})`,
    });
    return null;
  }
}

function indexBySlug<T extends { slug: string }>(
  kind: DataKind,
  records: T[],
  issues: DataIssue[],
): Map<string, T> {
  const map = new Map<string, T>();
  records.forEach((r, i) => {
    if (map.has(r.slug))
      issues.push({
        file: `data/${kind}.json`,
        record: recordLabel(i, r),
        field: 'slug',
        message: `duplicate slug "${r.slug}"`,
      });
    map.set(r.slug, r);
  });
  return map;
}

function checkReferences(data: SurveyData, maxCitation: number, issues: DataIssue[]): void {
  const sectors = indexBySlug('sectors', data.sectors, issues);
  const tasks = indexBySlug('tasks', data.tasks, issues);
  const metrics = indexBySlug('metrics', data.metrics, issues);
  const datasets = indexBySlug('datasets', data.datasets, issues);
  const models = indexBySlug('models', data.models, issues);
  const results = indexBySlug('results', data.results, issues);
  indexBySlug('comparisons', data.comparisons, issues);
  indexBySlug('risks', data.risks, issues);
  indexBySlug(
    'risks',
    data.risks.flatMap((r) => r.mitigations),
    issues,
  );

  const refs = (
    kind: DataKind,
    records: { slug: string }[],
    field: string,
    target: Map<string, unknown>,
    targetKind: DataKind,
    pick: (r: never) => (string | null)[],
  ) =>
    records.forEach((r, i) =>
      pick(r as never).forEach((ref) => {
        if (ref !== null && !target.has(ref))
          issues.push({
            file: `data/${kind}.json`,
            record: recordLabel(i, r),
            field,
            message: `unknown ${targetKind.replace(/s$/, '')} "${ref}" (no such slug in data/${targetKind}.json)`,
          });
      }),
    );
  refs('tasks', data.tasks, 'sector', sectors, 'sectors', (t: { sector: string }) => [t.sector]);
  refs('datasets', data.datasets, 'sector', sectors, 'sectors', (d: { sector: string | null }) => [d.sector]);
  refs('models', data.models, 'sectors', sectors, 'sectors', (m: { sectors: string[] }) => m.sectors);
  refs('models', data.models, 'trainedOn', datasets, 'datasets', (m: { trainedOn: string[] }) => m.trainedOn);
  refs('results', data.results, 'model', models, 'models', (r: { model: string }) => [r.model]);
  refs('results', data.results, 'task', tasks, 'tasks', (r: { task: string }) => [r.task]);
  refs('results', data.results, 'dataset', datasets, 'datasets', (r: { dataset: string | null }) => [
    r.dataset,
  ]);
  refs('results', data.results, 'metric', metrics, 'metrics', (r: { metric: string }) => [r.metric]);
  refs('comparisons', data.comparisons, 'baseline', results, 'results', (c: { baseline: string }) => [
    c.baseline,
  ]);
  refs('comparisons', data.comparisons, 'challenger', results, 'results', (c: { challenger: string }) => [
    c.challenger,
  ]);
  refs('risks', data.risks, 'models', models, 'models', (r: { models: string[] }) => r.models);
  refs('risks', data.risks, 'datasets', datasets, 'datasets', (r: { datasets: string[] }) => r.datasets);
  refs('risks', data.risks, 'sectors', sectors, 'sectors', (r: { sectors: string[] }) => r.sectors);

  data.comparisons.forEach((c, i) => {
    const a = results.get(c.baseline);
    const b = results.get(c.challenger);
    if (!a || !b) return;
    const mismatch = (['task', 'metric'] as const).filter((k) => a[k] !== b[k]);
    if (a.dataset && b.dataset && a.dataset !== b.dataset) mismatch.push('dataset' as never);
    if (c.baseline === c.challenger)
      issues.push({
        file: 'data/comparisons.json',
        record: recordLabel(i, c),
        field: 'challenger',
        message: 'baseline and challenger are the same result',
      });
    else if (mismatch.length > 0)
      issues.push({
        file: 'data/comparisons.json',
        record: recordLabel(i, c),
        field: 'challenger',
        message: `baseline and challenger differ in ${mismatch.join(', ')}`,
      });
  });

  const seen = new Set<number>();
  data.citations.forEach((c, i) => {
    if (seen.has(c.number))
      issues.push({
        file: 'data/citations.json',
        record: recordLabel(i, c),
        field: 'number',
        message: `duplicate citation number ${c.number}`,
      });
    seen.add(c.number);
    const aliases = c.aliases ?? [];
    if (aliases.length > 0 && c.label === null)
      issues.push({
        file: 'data/citations.json',
        record: recordLabel(i, c),
        field: 'aliases',
        message: 'a citation without a label has no aliases',
      });
    else if (aliases.includes(c.label as string))
      issues.push({
        file: 'data/citations.json',
        record: recordLabel(i, c),
        field: 'aliases',
        message: `the label "${c.label}" is not an alias of itself`,
      });
  });
  for (let n = 1; n <= maxCitation && data.citations.length > 0; n++) {
    if (!seen.has(n))
      issues.push({
        file: 'data/citations.json',
        message: `citation [${n}] is missing (run npm run data:extract)`,
      });
  }
}

function checkQuotes(data: SurveyData, paper: string, issues: DataIssue[]): void {
  // a synthetic graph repeats the same quotes thousands of times: look each one up once
  const found = new Map<string, boolean>();
  const inPaper = (quote: string) =>
    found.get(quote) ?? found.set(quote, paperContains(paper, quote)).get(quote)!;
  for (const kind of Object.keys(DATA_FILES) as DataKind[]) {
    (data[kind] as unknown[]).forEach((record, i) => {
      for (const [field, quote] of quotesOf(record)) {
        if (!inPaper(quote))
          issues.push({
            file: `data/${kind}.json`,
            record: recordLabel(i, record),
            field,
            message: `quote is not in the paper: "${quote.slice(0, 80)}"`,
          });
      }
    });
  }
}

/** Every source.quote inside a record, with its field path. */
function quotesOf(value: unknown, at = ''): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => quotesOf(v, `${at}${at ? '.' : ''}${i}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]): [string, string][] => {
    const field = at ? `${at}.${k}` : k;
    // a quote of a source outside the paper is that source's words, not the paper's
    if (k === 'source' && v && typeof (v as { quote?: unknown }).quote === 'string')
      return isExternalSource(v as { url?: string })
        ? []
        : [[`${field}.quote`, (v as { quote: string }).quote]];
    return quotesOf(v, field);
  });
}
