import {
  getNamedType,
  GraphQLField,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLSchema,
  isInterfaceType,
  isLeafType,
  isObjectType,
  isRequiredArgument,
  parse,
} from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { AtlasClient } from '../client';
import { UsageError } from './args';

/** Page size for every list read; small enough for the default cost limit of a remote server. */
const PAGE = 100;
const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';

type Row = Record<string, unknown>;
interface Page {
  nodes: Row[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** How rows of a type are reached: a root field, or a list field of the rows of a root field. */
interface Access {
  root: GraphQLField<unknown, unknown>;
  connection: boolean;
  /** set when the type is only reachable below another type (Mitigation below Risk) */
  via?: { parent: GraphQLObjectType; field: string };
}

/** A fact of the graph (a Node), not a record about it: the curation journal's proposals and changes are not exported. */
const hasId = (type: GraphQLNamedType): boolean =>
  (isInterfaceType(type) && type.name === 'Node') ||
  (isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node'));
const noRequiredArgs = (field: GraphQLField<unknown, unknown>) => !field.args.some(isRequiredArgument);

/** The node type of a Relay-style connection type, or null. */
function connectionNode(type: GraphQLNamedType): GraphQLObjectType | null {
  if (!isObjectType(type)) return null;
  const fields = type.getFields();
  if (!fields.nodes || !fields.pageInfo) return null;
  const node = getNamedType(fields.nodes.type);
  return isObjectType(node) ? node : null;
}

function listedType(field: GraphQLField<unknown, unknown>): { type: GraphQLNamedType; connection: boolean } {
  const named = getNamedType(field.type);
  const node = connectionNode(named);
  return node ? { type: node, connection: true } : { type: named, connection: false };
}

function rootFields(schema: GraphQLSchema) {
  return Object.values(schema.getQueryType()!.getFields()).filter(noRequiredArgs);
}

function accessOf(schema: GraphQLSchema, type: GraphQLObjectType): Access | null {
  const roots = rootFields(schema);
  for (const root of roots) {
    const listed = listedType(root);
    if (listed.type === type) return { root, connection: listed.connection };
  }
  for (const root of roots) {
    const listed = listedType(root);
    if (!isObjectType(listed.type) || !hasId(listed.type)) continue;
    const field = Object.values(listed.type.getFields()).find(
      (f) => noRequiredArgs(f) && getNamedType(f.type) === type,
    );
    if (field)
      return { root, connection: listed.connection, via: { parent: listed.type, field: field.name } };
  }
  return null;
}

/** The entity types (those with an `id`) that can be listed, by name. */
export function exportableTypes(
  schema: GraphQLSchema,
): Map<string, { type: GraphQLObjectType; access: Access }> {
  const found = new Map<string, { type: GraphQLObjectType; access: Access }>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type === schema.getQueryType() || !hasId(type))
      continue;
    const access = accessOf(schema, type);
    // Audits is a single object of derived lists, not an entity with rows
    if (access && !(access.root.name === 'audits' && !access.via)) found.set(type.name, { type, access });
  }
  return found;
}

/**
 * The selection of every field of a type: scalars as they are, related entities as `{ id }`,
 * connections as a first page of ids, and value objects (Source, Quantity, ...) field by field.
 */
function selectionOf(type: GraphQLObjectType, depth = 0): string {
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (!noRequiredArgs(field)) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (connectionNode(named) && hasId(connectionNode(named)!))
      parts.push(`${field.name}(first: ${PAGE}) { nodes { id } ${PAGE_INFO} }`);
    else if (hasId(named)) parts.push(`${field.name} { id }`);
    else if (isObjectType(named) && depth < 3)
      parts.push(`${field.name} { ${selectionOf(named, depth + 1)} }`);
  }
  return parts.join(' ');
}

function document(text: string): TypedDocumentNode<Record<string, unknown>, Record<string, unknown>> {
  return parse(text);
}

/** Every item of a root field, following cursors when it is a connection. */
async function readRoot(client: AtlasClient, access: Access, selection: string): Promise<Row[]> {
  const name = access.root.name;
  if (!access.connection)
    return (await client.request(document(`{ ${name} { ${selection} } }`)))[name] as Row[];
  const query = document(
    `query Export($after: String) { ${name}(first: ${PAGE}, after: $after) { nodes { ${selection} } ${PAGE_INFO} } }`,
  );
  const rows: Row[] = [];
  let after: string | null = null;
  do {
    const page = (await client.request(query, { after }))[name] as Page;
    rows.push(...page.nodes);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return rows;
}

/** The ids of a connection field of one entity past its first page, read through `node(id:)`. */
async function remainingIds(
  client: AtlasClient,
  type: GraphQLObjectType,
  id: string,
  field: string,
  after: string,
): Promise<string[]> {
  const query = document(
    `query ExportRelation($id: ID!, $after: String) { node(id: $id) { ... on ${type.name} { ${field}(first: ${PAGE}, after: $after) { nodes { id } ${PAGE_INFO} } } } }`,
  );
  const ids: string[] = [];
  let cursor: string | null = after;
  while (cursor) {
    const page = ((await client.request(query, { id, after: cursor })).node as Row)[field] as Page;
    ids.push(...page.nodes.map((n) => n.id as string));
    cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  }
  return ids;
}

/** A row with related entities replaced by their ids, connections completed page by page. */
async function flatten(client: AtlasClient, type: GraphQLObjectType, row: Row): Promise<Row> {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    const named = getNamedType(type.getFields()[key].type);
    if (value === null || isLeafType(named)) out[key] = value;
    else if (connectionNode(named)) {
      const page = value as Page;
      const rest = page.pageInfo.hasNextPage
        ? await remainingIds(client, type, row.id as string, key, page.pageInfo.endCursor!)
        : [];
      out[key] = [...page.nodes.map((n) => n.id), ...rest];
    } else if (hasId(named))
      out[key] = Array.isArray(value) ? value.map((v: Row) => v.id) : (value as Row).id;
    else out[key] = value;
  }
  return out;
}

/** Every row of an entity type, with its relations as global ids. */
export async function exportRows(
  client: AtlasClient,
  schema: GraphQLSchema,
  typeName: string,
): Promise<Row[]> {
  const types = exportableTypes(schema);
  const wanted = typeName.toLowerCase();
  const entry = [...types.values()].find(({ type, access }) =>
    [type.name.toLowerCase(), !access.via && access.root.name.toLowerCase()].includes(wanted),
  );
  if (!entry)
    throw new UsageError(
      `there is no type "${typeName}" to export; the types are ${[...types.keys()].sort().join(', ')}`,
    );
  const { type, access } = entry;
  const selection = selectionOf(type);
  if (!access.via)
    return Promise.all((await readRoot(client, access, selection)).map((row) => flatten(client, type, row)));
  // reached below a parent: the parent's id becomes a column named after it, e.g. `risk`
  const { parent, field } = access.via;
  const parentKey = parent.name[0].toLowerCase() + parent.name.slice(1);
  const parents = await readRoot(client, access, `id ${field} { ${selection} }`);
  const seen = new Set<unknown>();
  const rows: Row[] = [];
  for (const p of parents) {
    for (const child of ([] as Row[]).concat((p[field] as Row | Row[] | null) ?? [])) {
      if (seen.has(child.id)) continue;
      seen.add(child.id);
      const flat = await flatten(client, type, child);
      rows.push({ id: flat.id, [parentKey]: p.id, ...flat });
    }
  }
  return rows;
}
