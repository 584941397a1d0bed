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

/**
 * Indents a persisted document, which the manifest keeps on one line: a line per field, one more
 * indent per selection set; arguments stay on their field's line.
 */
export function formatDocument(document: string): string {
  const lines: string[] = [];
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
      token = argumentsAt(document, match.index)
        .replace(/\s+/g, ' ')
        .replace(/\( /g, '(')
        .replace(/ \)/g, ')');
      TOKEN.lastIndex = match.index + argumentsAt(document, match.index).length;
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
      // a blank line between definitions
      if (depth === 0 && lines.length) lines.push('');
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
  return lines.join('\n');
}

/** The text of the field under `alias` in a document, e.g. `closed: models(where: ...)`. */
export function aliasedField(document: string, alias: string): string | null {
  const at = document.search(new RegExp(`\\b${alias}:`));
  if (at < 0) return null;
  const open = document.indexOf('(', at);
  const brace = document.indexOf('{', at);
  if (open < 0 || (brace >= 0 && brace < open)) return document.slice(at, brace).trim();
  return (document.slice(at, open) + argumentsAt(document, open))
    .replace(/\s+/g, ' ')
    .replace(/\( /g, '(')
    .replace(/ \)/g, ')');
}

/** The playground (GraphiQL at /graphql) opened on an operation and its variables. */
export function playgroundUrl(ran: RanOperation): string {
  const params = new URLSearchParams({ query: formatDocument(ran.document) });
  if (Object.keys(ran.variables).length > 0) params.set('variables', JSON.stringify(ran.variables, null, 2));
  params.set('operationName', ran.name);
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
    el(
      'a',
      { class: 'button', href: playgroundUrl(ran), target: '_blank', rel: 'noopener' },
      'Open in the playground',
    ),
  );
}
