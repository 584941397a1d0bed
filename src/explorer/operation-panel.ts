import type { RanOperation } from './api-client';
import { el } from './dom-helpers';

const TOKEN = /\.\.\.|[{}:]|"(?:[^"\\]|\\.)*"|[^\s{}():"]+|\(|\s+/g;

/** The text of a "(...)" group from `start`, with nested groups, quotes and whitespace normalized. */
function argumentsAt(document: string, start: number): string {
  let depth = 0;
  let quoted = false;
  for (let i = start; i < document.length; i++) {
    const ch = document[i];
    if (ch === '"' && document[i - 1] !== '\\') quoted = !quoted;
    if (quoted) continue;
    if (ch === '(') depth++;
    if (ch === ')' && --depth === 0) return document.slice(start, i + 1);
  }
  return document.slice(start);
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')');

/**
 * Indents a persisted document, which the manifest keeps on one line: a line per field, one more
 * indent per selection set; arguments stay on their field's line. The operation comes first, then the
 * fragments it uses (the manifest orders them the other way), so that it is what a reader sees first.
 */
export function formatDocument(document: string): string {
  const definitions: string[][] = [];
  let lines: string[] = [];
  let line = '';
  let depth = 0;
  let previous = '';
  const flush = () => {
    if (line.trim()) lines.push(line);
    line = '';
  };
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(document); match; match = TOKEN.exec(document)) {
    let token = match[0];
    if (/^\s+$/.test(token)) continue;
    if (token === '(') {
      const group = argumentsAt(document, match.index);
      TOKEN.lastIndex = match.index + group.length;
      token = oneLine(group);
      line += token;
    } else if (token === '{') {
      line += ' {';
      flush();
      depth++;
    } else if (token === '}') {
      flush();
      depth--;
      line = '  '.repeat(depth) + '}';
      flush();
    } else if (token === ':') {
      line += ':';
    } else if (line === '') {
      if (depth === 0) definitions.push((lines = []));
      line = '  '.repeat(depth) + token;
    } else if (previous === '...' && token !== 'on') {
      line += token;
    } else if (token === 'on' || [':', '...', 'on', 'query', 'mutation', 'fragment'].includes(previous)) {
      line += ' ' + token;
    } else {
      flush();
      line = '  '.repeat(depth) + token;
    }
    previous = token;
  }
  flush();
  const operations = definitions.filter((d) => !d[0].startsWith('fragment'));
  const fragments = definitions.filter((d) => d[0].startsWith('fragment'));
  return [...operations, ...fragments].map((d) => d.join('\n')).join('\n\n');
}

/** The text of the field under `alias` in a document, e.g. `closed: models(where: ...)`. */
export function aliasedField(document: string, alias: string): string | null {
  const at = document.search(new RegExp(`\\b${alias}:`));
  if (at < 0) return null;
  const open = document.indexOf('(', at);
  const brace = document.indexOf('{', at);
  if (open < 0 || (brace >= 0 && brace < open)) return document.slice(at, brace).trim();
  return oneLine(document.slice(at, open) + argumentsAt(document, open));
}

/** A JSON value as a GraphQL literal of `type`: strings of an enum type (not String or ID) bare. */
function literal(value: unknown, type: string): string {
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, type)).join(', ')}]`;
  if (typeof value === 'string') return /^\[?(String|ID)\b/.test(type) ? JSON.stringify(value) : value;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(v, '')}`)
      .join(', ')}}`;
  return JSON.stringify(value);
}

/**
 * The operation with its variables' values as their defaults, `($query: String! = "esm")`: the
 * playground takes a query from its URL but not variables, and so runs it with the same values.
 */
export function withDefaults(document: string, name: string, variables: Record<string, unknown>): string {
  const header = new RegExp(`(query ${name})\\(([^)]*)\\)`);
  return document.replace(header, (_, head: string, list: string) => {
    const declared = list.split(/,\s*/).map((declaration) => {
      const m = /^\$(\w+):\s*([^=]+?)\s*$/.exec(declaration.trim());
      return m && m[1] in variables
        ? `${declaration.trim()} = ${literal(variables[m[1]], m[2])}`
        : declaration;
    });
    return `${head}(${declared.join(', ')})`;
  });
}

/** The playground (GraphiQL at /graphql) opened on an operation, its variables as defaults. */
export function playgroundUrl(ran: RanOperation): string {
  const query = withDefaults(formatDocument(ran.document), ran.name, ran.variables);
  const params = new URLSearchParams({ query, operationName: ran.name });
  return `/graphql?${params.toString()}`;
}

/** The operation a view ran, its variables, and a link that opens both in the playground. */
export function operationPanel(ran: RanOperation): HTMLElement {
  const variables = JSON.stringify(ran.variables, null, 2);
  return el(
    'details',
    { class: 'operation', 'data-operation': ran.name },
    el('summary', {}, `GraphQL operation: ${ran.name}`),
    el('pre', {}, el('code', {}, formatDocument(ran.document))),
    Object.keys(ran.variables).length
      ? el('pre', { 'aria-label': 'variables' }, el('code', {}, variables))
      : null,
    // the server says whether the playground is served (it is not in production)
    document.body.dataset.playground === 'off'
      ? null
      : el(
          'a',
          { class: 'button', href: playgroundUrl(ran), target: '_blank', rel: 'noopener' },
          'Open in the playground',
        ),
  );
}
