import * as fs from 'fs';
import * as path from 'path';
import type { GatewayConfigBase } from '@graphql-hive/gateway-runtime';
import {
  DefinitionNode,
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLError,
  Kind,
  OperationDefinitionNode,
  OperationTypeNode,
  parse,
  TokenKind,
  TypeNode,
  visit,
} from 'graphql';

const ROOT = path.resolve(__dirname, '../..');

/** The project's named operations, offered as playground tabs. */
export const OPERATIONS_DIR = path.join(ROOT, 'src/client/operations');

export type PlaygroundOptions = Pick<
  GatewayConfigBase<Record<string, unknown>>,
  'graphiql' | 'renderGraphiQL'
>;

export interface PlaygroundTab {
  query: string;
  variables?: string;
  /** the tab's headers editor, as JSON: a mutation's tab opens with where its key goes */
  headers?: string;
}

/** What a write's tab opens with in its Headers editor: the key goes there (docs/curation.md). */
export const KEY_HEADERS = JSON.stringify({ Authorization: 'Bearer <your API key>' }, null, 2);

/** The comment a mutation's tab starts with: it runs only with a key, and only when asked. */
const MUTATION_NOTE = `# A write: it needs a curator (or reviewer) key. Put it in the Headers tab below,
# as {"Authorization": "Bearer <key>"} (npx lam-atlas keys create, see docs/curation.md);
# nothing runs until you press Ctrl-Enter.
`;

/**
 * The README's first query ("What to try first"), the playground's first tab. test/docs checks that
 * the README shows the same operation.
 */
export const FIRST_QUERY = `query WhatToTryFirst {
  models(
    first: 5
    filter: { type: [LLM] }
    orderBy: { field: PARAMETERS, direction: DESC }
  ) {
    totalCount
    nodes {
      name
      parameters { value display bound }
      access
      trainedOn { name access }
      source { location quote }
    }
  }
  comparisons {
    task { name }
    metric { name higherIsBetter }
    baseline { model { name } display }
    challenger { model { name } display }
    improvement
  }
  audits {
    datasetsWithoutOpenAccess { name access }
    risksWithoutMitigation { name }
  }
  search(query: "esm") {
    __typename
    ... on Model { name }
    ... on Citation { number label }
  }
}
`;

const WELCOME = `# lam-atlas: the knowledge graph of the survey
# "Large AI Models in Health Informatics".
# Ctrl-Enter runs the operation; the book icon opens
# the schema's docs. The other tabs hold the saved
# operations of src/client/operations.
# Reading needs no key; a write (createModel, ...)
# sends one in the Headers tab below:
# {"Authorization": "Bearer <key>"} (docs/curation.md).
`;

/** What a tab opened with + starts with. */
const NEW_TAB = `# Ctrl-Enter runs the operation; the book icon opens
# the schema's docs.
{
  sectors { name section }
}
`;

/**
 * Variables that find something, per saved operation, so that each tab answers data as it opens
 * (test/e2e/playground.test.ts runs every tab with them).
 */
export const EXAMPLE_VARIABLES: Record<string, Record<string, unknown>> = {
  ModelPage: { slug: 'esmfold' },
  DatasetPage: { slug: 'casp14' },
  CitationSupports: { number: 84 },
  SectorOverview: { slug: 'bioinformatics' },
  Search: { query: 'esm', first: 10 },
  ModelsCitedInSection: { section: 'Section III-D' },
  BeatsPriorArt: { by: 0.1 },
  Leaderboard: { task: 'msa-free-protein-sequence-prediction', metric: 'tm-score', dataset: 'casp14' },
  SearchText: { query: 'hallucination', first: 10 },
  // ESMfold's id
  Neighbors: { id: 'TW9kZWw6ZXNtZm9sZA==', depth: 1 },
  ExplorerSearch: { query: 'esm', first: 20 },
  ExplorerEntity: { id: 'TW9kZWw6ZXNtZm9sZA==' },
  ExplorerNeighbors: { id: 'TW9kZWw6ZXNtZm9sZA==', depth: 1 },
  // GPT-4 to Privacy
  ExplorerPath: { from: 'TW9kZWw6Z3B0LTQ=', to: 'Umlzazpwcml2YWN5' },
  ModelHistory: { slug: 'esmfold' },
  DatasetHistory: { slug: 'casp14' },
  // proposal number 1; the writes below are templates to fill in, run only with a key (docs/curation.md)
  Proposal: { id: 'UHJvcG9zYWw6MQ==' },
  ProposeModel: {
    input: {
      slug: 'a-new-model',
      name: 'A New Model',
      type: 'LLM',
      parameters: { value: null, display: 'N/R', bound: 'NOT_REPORTED' },
      access: 'UNKNOWN',
      citations: [],
      source: { paper: { location: 'Section II-A', quote: 'a verbatim quote of the paper' } },
      reason: 'why the paper supports it',
    },
  },
  UpdateModel: {
    input: {
      id: 'TW9kZWw6ZXNtZm9sZA==',
      version: 1,
      access: 'OPEN',
      source: { paper: { location: 'Table I', quote: 'a verbatim quote of the paper' } },
      reason: 'why',
    },
  },
  ApproveProposal: { input: { proposal: 'UHJvcG9zYWw6MQ==', body: 'as the paper says' } },
  RejectProposal: { input: { proposal: 'UHJvcG9zYWw6MQ==', body: 'the quote is not in the paper' } },
  CommentOnProposal: { input: { proposal: 'UHJvcG9zYWw6MQ==', body: 'which table?' } },
  OpenProposal: { input: { title: 'Models of Section II-A', description: 'the LLMs the paper names' } },
};

/** The saved operations that read the curation journal, which is empty until someone writes. */
export const JOURNAL_READS = new Set(['Proposals', 'Proposal', 'Changes']);

/** Styles over GraphiQL's: tabs wrap onto more rows instead of running off the bar, the title stays on one line. */
const PLAYGROUND_CSS = `
.graphiql-container .graphiql-session-header {
  height: auto;
  min-height: var(--session-header-height);
  align-items: flex-end;
}
.graphiql-container .graphiql-tabs { flex-wrap: wrap; overflow: visible; row-gap: 4px; }
.graphiql-container .graphiql-logo { white-space: nowrap; align-self: center; }
.lam-atlas-explorer-link {
  position: fixed; right: 12px; bottom: 8px; z-index: 10; padding: 4px 10px; border-radius: 4px;
  background: #1d4ed8; color: #fff; font: 14px/1.4 system-ui, sans-serif; text-decoration: none;
}
`;

/** A link from the playground to the explorer, when the explorer is served. */
const EXPLORER_LINK = '<a class="lam-atlas-explorer-link" href="/explore">Open the explorer</a>';

interface Parsed {
  file: string;
  text: string;
  document: DocumentNode | null;
}

function readOperationFiles(dir: string): Parsed[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      try {
        return { file: name, text, document: parse(text) };
      } catch (error) {
        if (error instanceof GraphQLError) return { file: name, text, document: null };
        throw error;
      }
    });
}

/** A definition's text with the comment lines right above it. */
function sourceOf(text: string, node: DefinitionNode): string {
  if (!node.loc) return '';
  let first = node.loc.startToken;
  while (first.prev?.kind === TokenKind.COMMENT) first = first.prev;
  return text.slice(first.start, node.loc.end);
}

function fragmentSpreads(node: DefinitionNode): string[] {
  const names: string[] = [];
  visit(node, { FragmentSpread: (spread) => void names.push(spread.name.value) });
  return names;
}

/** The fragments an operation uses, directly or through other fragments, in first-use order. */
function fragmentsFor(
  operation: OperationDefinitionNode,
  fragments: Map<string, { text: string; node: FragmentDefinitionNode }>,
): string[] {
  const seen = new Set<string>();
  const pending = fragmentSpreads(operation);
  while (pending.length > 0) {
    const name = pending.shift() as string;
    const fragment = fragments.get(name);
    if (seen.has(name) || !fragment) continue;
    seen.add(name);
    pending.push(...fragmentSpreads(fragment.node));
  }
  return [...seen].map((name) => sourceOf(fragments.get(name)!.text, fragments.get(name)!.node));
}

function placeholder(type: TypeNode): unknown {
  if (type.kind === Kind.NON_NULL_TYPE) return placeholder(type.type);
  if (type.kind === Kind.LIST_TYPE) return [];
  const scalars: Record<string, unknown> = { String: '', ID: '', Int: 0, Float: 0, Boolean: false };
  return type.name.value in scalars ? scalars[type.name.value] : null;
}

/**
 * The variables a tab opens with: the example values of `examples` for its operation, and a
 * placeholder for each other required variable without a default, so the tab shows what it needs.
 */
function variablesFor(
  operation: OperationDefinitionNode,
  examples: Record<string, Record<string, unknown>>,
): string | undefined {
  const example = (operation.name && examples[operation.name.value]) || {};
  const entries: [string, unknown][] = [];
  for (const v of operation.variableDefinitions ?? []) {
    const name = v.variable.name.value;
    if (name in example) entries.push([name, example[name]]);
    else if (!v.defaultValue && v.type.kind === Kind.NON_NULL_TYPE) entries.push([name, placeholder(v.type)]);
  }
  if (entries.length === 0) return undefined;
  return JSON.stringify(Object.fromEntries(entries), null, 2);
}

/**
 * One tab per operation of `dir/*.graphql`, with the fragments it uses (from any file) appended so
 * that each tab runs on its own, and its variables filled from `examples`. A file that does not parse
 * is offered as it is: the editor shows the syntax error.
 */
export function loadPlaygroundTabs(
  dir: string = OPERATIONS_DIR,
  examples: Record<string, Record<string, unknown>> = EXAMPLE_VARIABLES,
): PlaygroundTab[] {
  const files = readOperationFiles(dir);
  const fragments = new Map<string, { text: string; node: FragmentDefinitionNode }>();
  for (const { text, document } of files) {
    for (const node of document?.definitions ?? []) {
      if (node.kind === Kind.FRAGMENT_DEFINITION) fragments.set(node.name.value, { text, node });
    }
  }
  const tabs: PlaygroundTab[] = [];
  for (const { file, text, document } of files) {
    const header = `# ${path.relative(ROOT, path.join(dir, file))}\n`;
    if (!document) {
      tabs.push({ query: header + text });
      continue;
    }
    for (const node of document.definitions) {
      if (node.kind !== Kind.OPERATION_DEFINITION) continue;
      const query = [sourceOf(text, node), ...fragmentsFor(node, fragments)].join('\n\n');
      const variables = variablesFor(node, examples);
      if (node.operation === OperationTypeNode.MUTATION)
        tabs.push({ query: `${header}${MUTATION_NOTE}${query}\n`, variables, headers: KEY_HEADERS });
      else tabs.push({ query: `${header}${query}\n`, variables });
    }
  }
  return tabs;
}

/** `html` with `insert` before its closing body tag: the last one, as the inlined bundle holds the string too. */
function beforeBodyEnd(html: string, insert: string): string {
  const at = html.lastIndexOf('</body>');
  return at < 0 ? html + insert : html.slice(0, at) + insert + html.slice(at);
}

/**
 * GraphiQL served from the installed bundle (no CDN), opening on the README's first query followed by
 * the saved operations. Off in production.
 */
export function playgroundOptions(
  production: boolean,
  dir: string = OPERATIONS_DIR,
  explorerLink = false,
): PlaygroundOptions {
  if (production) return { graphiql: false };
  const saved = loadPlaygroundTabs(dir);
  return {
    graphiql: {
      title: 'lam-atlas',
      defaultQuery: NEW_TAB,
      defaultTabs: [{ query: WELCOME + FIRST_QUERY }, ...saved],
      // the Headers tab is where a key goes (a write's tab opens with it to fill in); a new tab opens
      // with no headers, as reading needs none, and with the Variables tab in front
      isHeadersEditorEnabled: true,
      defaultEditorToolsVisibility: 'variables',
    },
    // the bundle is large (about 9 MB): load it on the first playground request, never in production
    renderGraphiQL: async (options) =>
      beforeBodyEnd(
        (await import('@graphql-yoga/render-graphiql'))
          .renderGraphiQL(options)
          .replace('</head>', `<style>${PLAYGROUND_CSS}</style></head>`),
        explorerLink ? EXPLORER_LINK : '',
      ),
  };
}
