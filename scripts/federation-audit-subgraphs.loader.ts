import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { register } from 'module';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { LocalSubgraph } from '../src/gateway/local-transport';

/**
 * The subgraphs of an audit suite in this process, for the fused engine: the audit's own type
 * definitions and resolvers (its `createSubgraph(name, { typeDefs, resolvers })` calls), built with
 * this project's @apollo/subgraph and graphql, so that the engine reads them as it reads its own.
 *
 * The audit keeps each subgraph's schema inside its HTTP route; an ES module hook loads a second copy
 * of a suite's modules (tagged by a query on their URLs) in which `subgraph.js` and `supergraph.js`
 * only hand back what they are given. The untagged copy, which the audit's router serves, is untouched.
 */

const TAG = 'lam-atlas-in-process';

// runs in the loader thread Node starts for module hooks: plain JavaScript, its data passed on register
const HOOKS = `
const SHIMS = {
  'subgraph.js': 'export function createSubgraph(name, schema) { return { name, typeDefs: schema.typeDefs, resolvers: schema.resolvers }; }',
  'supergraph.js': 'export function serve(id, subgraphs, tests) { return { id, subgraphs, tests }; }',
};
let dist;
export function initialize(data) { dist = data.dist; }
export async function resolve(specifier, context, next) {
  const parent = context.parentURL;
  if (parent && parent.startsWith(dist) && new URL(parent).searchParams.has('${TAG}') && specifier.startsWith('.')) {
    const url = new URL(specifier, parent);
    const shim = SHIMS[url.href.slice(dist.length)];
    if (shim) return { url: 'data:text/javascript,' + encodeURIComponent(shim), shortCircuit: true };
    url.searchParams.set('${TAG}', '');
    return { url: url.href, shortCircuit: true };
  }
  return next(specifier, context);
}
`;

// eslint-disable-next-line @typescript-eslint/no-implied-eval -- a constant body, the only way to import() an ES module from CommonJS
const importModule = new Function('specifier', 'return import(specifier)') as (
  specifier: string,
) => Promise<unknown>;

interface AuditSubgraph {
  name: string;
  typeDefs: string;
  resolvers: Record<string, unknown>;
}

const registered = new Set<string>();

/**
 * Every subgraph of suite `id` of the audit built in `dist`, by name, each request's context being what
 * the audit's own subgraph servers give theirs (`{ env }`).
 */
export async function auditSubgraphsInProcess(
  dist: string,
  id: string,
): Promise<Record<string, LocalSubgraph>> {
  const distUrl = pathToFileURL(dist + path.sep).href;
  if (!registered.has(distUrl)) {
    register(`data:text/javascript,${encodeURIComponent(HOOKS)}`, { data: { dist: distUrl } });
    registered.add(distUrl);
  }
  const { env } = (await importModule(new URL('env.js', distUrl).href)) as { env: unknown };
  const suite = (await importModule(`${new URL(`test-suites/${id}/index.js`, distUrl).href}?${TAG}`)) as {
    default?: { subgraphs?: AuditSubgraph[] };
  };
  const subgraphs = suite.default?.subgraphs;
  if (!Array.isArray(subgraphs))
    throw new Error(`the audit's suite "${id}" does not list its subgraphs as serve(id, subgraphs, tests)`);
  return Object.fromEntries(
    subgraphs.map((s) => [
      s.name,
      {
        schema: buildSubgraphSchema({ typeDefs: parse(s.typeDefs), resolvers: s.resolvers as never }),
        createContext: () => ({ env }),
      },
    ]),
  );
}
