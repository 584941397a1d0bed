import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { paperAnchor } from '../common/paper-anchor';
import { englishParagraphs, readPaper } from '../data/paper';

const ROOT = path.resolve(__dirname, '../..');

/** The explorer's checked-in bundle (`npm run build:explorer`) and its style sheet. */
export const EXPLORER_BUNDLE = path.join(ROOT, 'src/explorer/generated/explorer.bundle.js');
export const EXPLORER_STYLES = path.join(ROOT, 'src/explorer/explorer-styles.css');

/**
 * Scripts only from this origin, never inline; styles may be inline because the chart library sets
 * style attributes and a <style> inside each SVG it draws. Nothing leaves the origin.
 */
export const EXPLORER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface ExplorerPagesOptions {
  /** the gateway runs trusted documents: the page sends each operation's id instead of its text */
  trustedDocuments: boolean;
  /** the playground is served (not in production): the pages link to it */
  playground: boolean;
  /** where data/paper/survey.txt is read from, for /paper */
  dataDir: string;
}

/** Answers a request it serves and returns true; false leaves the request to the next handler. */
export type PageRoute = (req: http.IncomingMessage, res: http.ServerResponse) => boolean;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function shell(title: string, body: string, attributes = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/explore/explorer.css">
<link rel="icon" href="data:,">
</head>
<body${attributes}>
${body}
</body>
</html>
`;
}

/** The header of every page; the playground's link only where it is served. */
function nav(playground: boolean): string {
  return `<header class="site-header">
<a class="brand" href="/explore">lam-atlas explorer</a>
<nav aria-label="Views">
<a href="/explore#/search">Search</a>
<a href="/explore#/graph">Graph</a>
<a href="/explore#/path">Path</a>
<a href="/explore#/charts">Table I</a>
<a href="/explore#/audits">Audits</a>
<a href="/paper">Paper</a>
${playground ? '<a href="/graphql">Playground</a>\n' : ''}</nav>
</header>`;
}

function explorerHtml({ trustedDocuments, playground }: ExplorerPagesOptions): string {
  return shell(
    'lam-atlas explorer',
    `<a class="skip-link" href="#view">Skip to the content</a>
${nav(playground)}
<main id="view" tabindex="-1"><p>Loading the explorer…</p></main>
<script src="/explore/explorer.js" defer></script>`,
    ` data-documents="${trustedDocuments ? 'id' : 'text'}" data-playground="${playground ? 'on' : 'off'}"`,
  );
}

/** The English text of the survey, one anchor per section and table (the sources' locations) and per line. */
function paperHtml({ dataDir, playground }: ExplorerPagesOptions): string {
  const parts: string[] = [];
  const anchored = new Set<string>();
  let section = '';
  for (const p of englishParagraphs(readPaper(dataDir))) {
    if (p.section !== section) {
      if (section) parts.push('</section>');
      section = p.section;
      // a section the text comes back to (a caption between its paragraphs) keeps its first anchor
      const anchor = paperAnchor(section);
      const id = anchored.has(anchor) ? '' : ` id="${anchor}"`;
      anchored.add(anchor);
      parts.push(`<section><h2${id}>${escapeHtml(section)}</h2>`);
    }
    const cls = p.text.startsWith('|') ? ' class="table-row"' : '';
    parts.push(`<p id="line-${p.line}"${cls}>${escapeHtml(p.text)}</p>`);
  }
  if (section) parts.push('</section>');
  return shell(
    'The survey: Large AI Models in Health Informatics',
    `<a class="skip-link" href="#paper">Skip to the text</a>
${nav(playground)}
<main id="paper" class="paper" tabindex="-1"><h1>Large AI Models in Health Informatics: Applications, Challenges, and the Future</h1>
<p class="hint">The paper's English text as the knowledge graph reads it (data/paper/survey.txt); every source location of the explorer links to its section here.</p>
${parts.join('\n')}
</main>`,
  );
}

function landingHtml({ playground }: ExplorerPagesOptions): string {
  return shell(
    'lam-atlas',
    `${nav(playground)}
<main id="view" class="landing"><h1>lam-atlas</h1>
<p>A knowledge graph of the survey <cite>Large AI Models in Health Informatics</cite>.</p>
<ul>
<li><a href="/explore">The explorer</a>: search, entity pages, the graph, Table I as charts, the audits.</li>
${playground ? '<li><a href="/graphql">The GraphQL playground</a>: the API and its saved operations.</li>\n' : ''}<li><a href="/paper">The paper's text</a>.</li>
</ul></main>`,
  );
}

function send(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  type: string,
  body: string | Buffer,
): void {
  res.writeHead(200, {
    'content-type': type,
    'content-security-policy': EXPLORER_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * /explore, its script and style sheet, /paper, and a landing page at / linking them with the
 * playground. Files are read on first use and kept: they change only with a new release.
 */
export function explorerPages(options: ExplorerPagesOptions): PageRoute {
  const cache = new Map<string, string>();
  const once = (key: string, make: () => string) => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key)!;
  };
  const html = 'text/html; charset=utf-8';
  const routes: Record<string, () => [string, string]> = {
    '/': () => [html, once('/', () => landingHtml(options))],
    '/explore': () => [html, once('/explore', () => explorerHtml(options))],
    '/explore/': () => [html, once('/explore', () => explorerHtml(options))],
    '/explore/explorer.js': () => [
      'text/javascript; charset=utf-8',
      once('bundle', () => fs.readFileSync(EXPLORER_BUNDLE, 'utf8')),
    ],
    '/explore/explorer.css': () => [
      'text/css; charset=utf-8',
      once('styles', () => fs.readFileSync(EXPLORER_STYLES, 'utf8')),
    ],
    '/paper': () => [html, once('/paper', () => paperHtml(options))],
  };
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const route = routes[(req.url ?? '/').split('?')[0]];
    if (!route) return false;
    const [type, body] = route();
    send(req, res, type, body);
    return true;
  };
}
