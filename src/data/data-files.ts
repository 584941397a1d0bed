import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { DATA_FILES, DataKind, SurveyData } from './schema';

/** The files of a data dir that are copied as they are rather than written from the graph. */
const COPIED_FILES = [
  { name: path.join('paper', 'survey.txt'), required: true },
  { name: 'README.md', required: false },
  // the authors' companion list (the graph's second source) with its licence
  { name: path.join('companion', 'README.md'), required: false },
  { name: path.join('companion', 'LICENSE'), required: false },
  { name: path.join('companion', 'SOURCE.md'), required: false },
  // the curators' decisions of which record an entry names under another name
  { name: path.join('companion', 'same-as.json'), required: false },
] as const;

const INDENT = '  ';

/** Optional and nullable wrappers say nothing about key order: the schema inside them does. */
function unwrap(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable)
    inner = inner.unwrap() as z.ZodType;
  return inner;
}

/**
 * An integral value whose display prints it with zero decimals (`73.0%`) is written as printed
 * (`73.0`), as the files of data/ keep it; any other number is written as JSON writes it.
 */
function numberText(value: number, display: unknown): string {
  if (Number.isSafeInteger(value) && typeof display === 'string') {
    const printed = new RegExp(`(?<![\\d.])${value}\\.0+(?![\\d.])`).exec(display);
    if (printed) return printed[0];
  }
  return JSON.stringify(value);
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Indented JSON, as JSON.stringify(value, null, 2) writes it, with every object's keys in schema order. */
function serialise(value: unknown, schema: z.ZodType, at: string, indent: string): string {
  const inner = unwrap(schema);
  const deeper = indent + INDENT;
  if (Array.isArray(value)) {
    if (!(inner instanceof z.ZodArray)) throw new Error(`${at}: a list where the schema has none`);
    if (value.length === 0) return '[]';
    const items = value.map(
      (v, i) => deeper + serialise(v, inner.element as z.ZodType, `${at}.${i}`, deeper),
    );
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  if (isPlainObject(value)) {
    if (!(inner instanceof z.ZodObject)) throw new Error(`${at}: an object where the schema has none`);
    const shape = inner.shape as Record<string, z.ZodType>;
    const unknown = Object.keys(value).find((k) => !(k in shape) && value[k] !== undefined);
    if (unknown !== undefined) throw new Error(`${at}: unknown key "${unknown}"`);
    // an absent optional key (notes, aliases) is left out, as JSON.stringify leaves out undefined
    const keys = Object.keys(shape).filter((k) => value[k] !== undefined);
    if (keys.length === 0) return '{}';
    const fields = keys.map((k) => {
      const v = value[k];
      const text =
        k === 'value' && typeof v === 'number'
          ? numberText(v, value.display)
          : serialise(v, shape[k], `${at}.${k}`, deeper);
      return `${deeper}${JSON.stringify(k)}: ${text}`;
    });
    return `{\n${fields.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The text of data/KIND.json for `records`: the format of the checked-in files (two-space JSON, a final
 * newline), keys in the order of the kind's schema whatever order a record's keys were set in.
 */
export function formatDataFile<K extends DataKind>(kind: K, records: SurveyData[K]): string {
  return serialise(records, z.array(DATA_FILES[kind]), `data/${kind}.json`, '') + '\n';
}

/** Writes `file` through a temporary file beside it, so a failure leaves the old file or none. */
function writeWhole(file: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, content);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Writes `data` into `dir` (created when missing) as a complete data dir: one file per kind, and the
 * paper (and README.md and the companion list, when there are) copied from `sourceDataDir`. Every text is made before any
 * file is written, so a record that does not fit its schema or a missing paper writes nothing.
 * Returns the paths written, in order.
 */
export function writeDataDir(dir: string, data: SurveyData, sourceDataDir: string): string[] {
  const files: [string, string | Buffer][] = (Object.keys(DATA_FILES) as DataKind[]).map((kind) => [
    `${kind}.json`,
    formatDataFile(kind, data[kind]),
  ]);
  for (const { name, required } of COPIED_FILES) {
    const from = path.join(sourceDataDir, name);
    if (required || fs.existsSync(from)) files.push([name, fs.readFileSync(from)]);
  }
  return files.map(([name, content]) => {
    const file = path.join(dir, name);
    writeWhole(file, content);
    return file;
  });
}
