import { z } from 'zod';

// The shape of the curated files in data/. Cross-file references are checked in validate.ts.

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_CITATION = 191;

const slug = z.string().regex(SLUG, 'must be a lowercase slug (a-z, 0-9 and single dashes)');
const text = z.string().trim().min(1, 'must not be empty');
const note = z.string().trim().min(1).optional();
const citationNumber = (max: number) => z.number().int().min(1).max(max);

export const accessSchema = z.enum(['OPEN', 'CLOSED', 'ON_APPROVAL', 'UNKNOWN']);
export const boundSchema = z.enum(['EXACT', 'AT_LEAST', 'NOT_REPORTED', 'NOT_APPLICABLE']);
export const modelTypeSchema = z.enum(['LLM', 'LVM', 'LMM']);

/** Where in the paper a fact comes from: a table or section, and a verbatim quote checked against it. */
export const paperSourceSchema = z
  .object({
    location: z
      .string()
      .regex(
        /^(Table I{1,2}|Section [IV]+(-[A-G])?|Abstract|Fig\. \d)$/,
        'must be like "Table I" or "Section III-A"',
      ),
    quote: z.string().trim().min(1).max(400).nullable(),
  })
  .strict();

const EXTERNAL_KEYS = ['url', 'title', 'retrievedAt', 'commit', 'section'] as const;

/**
 * Where a fact comes from: the paper (`location` and `quote`), or a source outside it (`url`, `title`,
 * when it was `retrievedAt`, for a git source its `commit`, the `section` it is in, and a verbatim
 * `quote` of it). One object rather than a union, so a wrong field is reported by its own name.
 */
export const sourceSchema = z
  .object({
    location: paperSourceSchema.shape.location.optional(),
    quote: z.string().trim().min(1).max(400).nullable().optional(),
    url: z
      .string()
      .max(2000)
      .regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL')
      .optional(),
    title: z.string().trim().min(1).max(300).optional(),
    retrievedAt: z
      .string()
      .regex(
        /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z)?$/,
        'must be an ISO 8601 date or UTC date-time',
      )
      .optional(),
    commit: z
      .string()
      .regex(/^[0-9a-f]{7,40}$/, 'must be a git commit (7 to 40 hex digits)')
      .optional(),
    section: z.string().trim().min(1).max(300).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (s.url === undefined) {
      if (s.location === undefined)
        issue('location', 'is required (or a url, for a source outside the paper)');
      if (s.quote === undefined)
        issue('quote', 'is required for a source in the paper (null when there is none)');
      for (const k of EXTERNAL_KEYS)
        if (k !== 'url' && s[k] !== undefined) issue(k, 'only a source with a url has it');
    } else {
      if (s.location !== undefined) issue('location', 'a source outside the paper has no location in it');
      if (s.title === undefined) issue('title', 'is required for a source outside the paper');
      if (s.retrievedAt === undefined) issue('retrievedAt', 'is required for a source outside the paper');
    }
  });

/** Whether a source is outside the paper (its quote is not checked against the paper). */
export const isExternalSource = (source: { url?: string }): boolean => source.url !== undefined;

export const quantitySchema = z
  .object({ value: z.number().finite().nullable(), display: z.string(), bound: boundSchema })
  .strict()
  .superRefine((q, ctx) => {
    const needsValue = q.bound === 'EXACT' || q.bound === 'AT_LEAST';
    if (needsValue && q.value === null)
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `a number is required when bound is ${q.bound}`,
      });
    if (!needsValue && q.value !== null)
      ctx.addIssue({ code: 'custom', path: ['value'], message: `must be null when bound is ${q.bound}` });
  });

export const sectorSchema = z
  .object({
    slug,
    name: text,
    section: z.string().regex(/^III-[A-G]$/),
    summary: text,
    source: sourceSchema,
    notes: note,
  })
  .strict();

export const metricSchema = z
  .object({
    slug,
    name: text,
    aliases: z.array(text),
    higherIsBetter: z.boolean(),
    unit: text.nullable(),
    source: sourceSchema,
    notes: note,
  })
  .strict();

export const comparisonSchema = z
  .object({ slug, baseline: slug, challenger: slug, source: sourceSchema, notes: note })
  .strict();

export const figureSchema = z
  .object({
    label: text,
    value: z.number().finite().nullable(),
    unit: text.nullable(),
    display: text,
    source: paperSourceSchema,
  })
  .strict();

/**
 * What one source says of a record: of one of its fields (`field` and `value`), or, without a field, that
 * it knows the entity at all. Where sources disagree on a field, the record lists every statement on it,
 * one of them `preferred` (the value the record holds), with the curator's `reason`.
 */
export const statementSchema = z
  .object({
    field: z
      .string()
      .regex(/^[a-z][A-Za-z]*$/, 'must be the name of a field of the record')
      .optional(),
    value: z.unknown().optional(),
    source: sourceSchema,
    preferred: z.boolean().optional(),
    reason: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();

/** The most statements a record holds: a handful of sources per fact. */
export const MAX_STATEMENTS = 50;
const statements = z.array(statementSchema).max(MAX_STATEMENTS).optional();

export const mentionSchema = z.object({ section: text, sentence: text }).strict();

/**
 * Each data file's schema, in the order records may refer to each other. Citation numbers go up to
 * `maxCitation`: the paper's 191, or more in a synthetic graph, which adds references of its own.
 */
export function dataSchemas(maxCitation: number) {
  const citationNumbers = z.array(citationNumber(maxCitation));
  const taskSchema = z
    .object({ slug, name: text, sector: slug, citations: citationNumbers, source: sourceSchema, notes: note })
    .strict();

  const modelSchema = z
    .object({
      slug,
      name: text,
      aliases: z.array(text),
      type: modelTypeSchema.nullable(),
      parameters: quantitySchema,
      access: accessSchema,
      trainedOn: z.array(slug),
      trainingDataNote: text.nullable(),
      sectors: z.array(slug),
      citations: citationNumbers,
      source: sourceSchema,
      notes: note,
      statements,
    })
    .strict();

  const datasetSchema = z
    .object({
      slug,
      name: text,
      aliases: z.array(text),
      scale: text.nullable(),
      size: quantitySchema,
      modalities: z.array(text),
      purpose: text.nullable(),
      access: accessSchema,
      sector: slug.nullable(),
      citations: citationNumbers,
      source: sourceSchema,
      notes: note,
      statements,
    })
    .strict();

  const resultSchema = z
    .object({
      slug,
      model: slug,
      task: slug,
      dataset: slug.nullable(),
      metric: slug,
      value: z.number().finite(),
      display: text,
      bound: z.enum(['EXACT', 'AT_LEAST']),
      setting: text.nullable(),
      citations: citationNumbers,
      source: sourceSchema,
      notes: note,
    })
    .strict();

  const mitigationSchema = z
    .object({ slug, name: text, description: text, citations: citationNumbers, source: sourceSchema })
    .strict();

  const riskSchema = z
    .object({
      slug,
      name: text,
      summary: text,
      models: z.array(slug),
      datasets: z.array(slug),
      sectors: z.array(slug),
      figures: z.array(figureSchema),
      mitigations: z.array(mitigationSchema),
      citations: citationNumbers,
      source: sourceSchema,
      notes: note,
    })
    .strict();

  const citationSchema = z
    .object({
      number: citationNumber(maxCitation),
      label: text.nullable(),
      /** Other forms the text prints for the labelled work (OCR spacings, long forms); none when absent. */
      aliases: z
        .array(text)
        .min(1, 'must be left out rather than empty')
        .refine((a) => new Set(a).size === a.length, 'must not repeat a form')
        .optional(),
      mentions: z.array(mentionSchema),
      notes: note,
    })
    .strict();

  return {
    sectors: sectorSchema,
    tasks: taskSchema,
    metrics: metricSchema,
    datasets: datasetSchema,
    models: modelSchema,
    results: resultSchema,
    comparisons: comparisonSchema,
    risks: riskSchema,
    citations: citationSchema,
  } as const;
}

/** Each data file of data/, in the order records may refer to each other. */
export const DATA_FILES = dataSchemas(MAX_CITATION);
export const {
  tasks: taskSchema,
  models: modelSchema,
  datasets: datasetSchema,
  results: resultSchema,
  risks: riskSchema,
  citations: citationSchema,
} = DATA_FILES;
export const mitigationSchema = riskSchema.shape.mitigations.element;

export type DataKind = keyof typeof DATA_FILES;
export type SectorRecord = z.infer<typeof sectorSchema>;
export type TaskRecord = z.infer<typeof taskSchema>;
export type MetricRecord = z.infer<typeof metricSchema>;
export type ModelRecord = z.infer<typeof modelSchema>;
export type DatasetRecord = z.infer<typeof datasetSchema>;
export type ResultRecord = z.infer<typeof resultSchema>;
export type ComparisonRecord = z.infer<typeof comparisonSchema>;
export type RiskRecord = z.infer<typeof riskSchema>;
export type MitigationRecord = z.infer<typeof mitigationSchema>;
export type FigureRecord = z.infer<typeof figureSchema>;
export type CitationRecord = z.infer<typeof citationSchema>;
export type SourceRecord = z.infer<typeof sourceSchema>;
export type StatementRecord = z.infer<typeof statementSchema>;
export type PaperSourceRecord = z.infer<typeof paperSourceSchema>;
export type QuantityRecord = z.infer<typeof quantitySchema>;

export interface SurveyData {
  sectors: SectorRecord[];
  tasks: TaskRecord[];
  metrics: MetricRecord[];
  datasets: DatasetRecord[];
  models: ModelRecord[];
  results: ResultRecord[];
  comparisons: ComparisonRecord[];
  risks: RiskRecord[];
  citations: CitationRecord[];
}
