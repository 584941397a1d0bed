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
}

const WELCOME = `# lam-atlas: a knowledge graph of "Large AI Models in Health Informatics".
# The other tabs hold the project's saved operations; the book icon opens the schema's docs.
# Ctrl-Enter runs the operation.
{
  sectors { name section }
}
`;

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

/** A variables skeleton, so an operation with arguments shows what it needs. */
function variablesFor(operation: OperationDefinitionNode): string | undefined {
  const open = (operation.variableDefinitions ?? []).filter((v) => !v.defaultValue);
  if (open.length === 0) return undefined;
  return JSON.stringify(
    Object.fromEntries(open.map((v) => [v.variable.name.value, placeholder(v.type)])),
    null,
    2,
  );
}

/**
 * One tab per operation of `dir/*.graphql`, with the fragments it uses (from any file) appended so
 * that each tab runs on its own. A file that does not parse is offered as it is: the editor shows
 * the syntax error.
 */
export function loadPlaygroundTabs(dir: string = OPERATIONS_DIR): PlaygroundTab[] {
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
      tabs.push({ query: `${header}${query}\n`, variables: variablesFor(node) });
    }
  }
  return tabs;
}

/**
 * GraphiQL served from the installed bundle (no CDN), opening on a welcome tab followed by the saved
 * operations. Off in production.
 */
export function playgroundOptions(production: boolean, dir: string = OPERATIONS_DIR): PlaygroundOptions {
  if (production) return { graphiql: false };
  const saved = loadPlaygroundTabs(dir);
  return {
    graphiql: { title: 'lam-atlas', defaultQuery: WELCOME, defaultTabs: [{ query: WELCOME }, ...saved] },
    // the bundle is large (about 9 MB): load it on the first playground request, never in production
    renderGraphiQL: async (options) =>
      (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options),
  };
}
