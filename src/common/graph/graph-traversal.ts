import { DataSource } from 'typeorm';
import { badInput } from '../errors';
import { fromGlobalId } from '../global-id';
import { paddedKeys, queryNamed } from '../sqlite-reads';
import { EDGE_KINDS, EdgeRelation, NODE_TYPES, NodeType } from './graph-relations';

// Traversal of the graph projection (graph_nodes, graph_edges), which every store holds: breadth first,
// one statement per level for the whole frontier, both directions of every stored relation.

export const NEIGHBOR_DEPTH = { default: 1, min: 1, max: 3 } as const;
export const PATH_DEPTH = { default: 6, min: 0, max: 8 } as const;
/** The most entities a neighborhood may reach (the center included), and relations it may return. */
export const MAX_TRAVERSAL_NODES = 1000;
export const MAX_TRAVERSAL_EDGES = 2000;
/** The most entities a path search may reach: it returns only its chain, so it may look further. */
export const MAX_PATH_SEARCH = 5000;
/** The most relations one level may read (rows of one statement), whatever it returns. */
export const MAX_STEP_RELATIONS = 20000;

/** An entity of the projection, with its place in paper order. */
export interface GraphEntity {
  id: string;
  type: NodeType;
  position: number;
}

/** A stored relation, from → to as its declaring field has it; `relation` is that field ('trainedOn'). */
export interface GraphLink {
  relation: string;
  from: GraphEntity;
  to: GraphEntity;
}

export interface Neighborhood {
  center: GraphEntity;
  /** the center excluded, nearest first, then in paper order */
  nodes: GraphEntity[];
  edges: GraphLink[];
}

const RELATIONS = Object.keys(EDGE_KINDS) as EdgeRelation[];
const relationRank = (r: string) => RELATIONS.indexOf(r as EdgeRelation);
const typeRank = (t: string) => NODE_TYPES.indexOf(t as NodeType);
const inPaperOrder = (a: GraphEntity, b: GraphEntity) =>
  typeRank(a.type) - typeRank(b.type) || a.position - b.position;
/** the field that declares a stored relation: 'Model.trainedOn' → 'trainedOn' */
const fieldOf = (relation: string) => relation.slice(relation.indexOf('.') + 1);

/** One stored relation seen from the frontier: `near` is the frontier's end, `other` the far one. */
interface Step {
  relation: EdgeRelation;
  position: number;
  near: string;
  outgoing: boolean;
  other: GraphEntity;
}

function entity(id: unknown, type: unknown, position: unknown): GraphEntity {
  return { id: String(id), type: String(type) as NodeType, position: Number(position) };
}

/** `"argument"` must be a whole number within bounds; its value, or the default when absent. */
export function depthArgument(
  value: number | null | undefined,
  argument: string,
  bounds: { default: number; min: number; max: number },
): number {
  const depth = value ?? bounds.default;
  if (!Number.isInteger(depth) || depth < bounds.min || depth > bounds.max)
    throw badInput(`"${argument}" must be between ${bounds.min} and ${bounds.max}, got ${depth}`, {
      argument,
      max: bounds.max,
    });
  return depth;
}

function tooLarge(what: string, max: number, argument: string): never {
  throw badInput(`the traversal reaches more than ${max} ${what}; ask with a smaller "${argument}"`, {
    argument,
    max,
  });
}

/**
 * The entities the ids name, by id: one statement. A malformed id, one that names nothing and, when
 * `allowed` is given, one of another type are BAD_USER_INPUT naming the argument.
 */
export async function lookUpEntities(
  ds: DataSource,
  ids: [argument: string, id: string][],
  allowed: ReadonlySet<string> | null,
): Promise<Map<string, GraphEntity>> {
  for (const [argument, id] of ids)
    if (!fromGlobalId(id))
      throw badInput(`"${argument}" is not an id: ${JSON.stringify(id.slice(0, 64))}`, { argument });
  const rows = await queryNamed(
    ds,
    'SELECT n.id AS id, n.type AS type, n.position AS position FROM graph_nodes n WHERE n.id IN (:...ids)',
    { ids: ids.map(([, id]) => id) },
  );
  const found = new Map(rows.map((r) => [String(r.id), entity(r.id, r.type, r.position)]));
  for (const [argument, id] of ids) {
    const e = found.get(id);
    if (!e) throw badInput(`"${argument}" names no entity: ${JSON.stringify(id)}`, { argument });
    if (allowed && !allowed.has(e.type))
      throw badInput(`"${argument}" names a ${e.type}, which traversal cannot return yet`, { argument });
  }
  return found;
}

/**
 * Every stored relation with one end in the frontier, read both ways in one statement (each half seeks
 * an index: the key (relation, from_id, to_id) or (relation, to_id)); `types` limits the far end.
 */
async function expand(
  ds: DataSource,
  frontier: string[],
  types: readonly string[] | null,
  argument: string,
): Promise<Step[]> {
  const half = (near: string, far: string, outgoing: number) =>
    `SELECT e.relation AS relation, e.position AS position, e.${near} AS near, ${outgoing} AS outgoing,
            n.id AS id, n.type AS type, n.position AS "nodePosition"
       FROM graph_edges e JOIN graph_nodes n ON n.id = e.${far}
      WHERE e.relation IN (:...relations) AND e.${near} IN (:...frontier)${types ? ' AND n.type IN (:...types)' : ''}`;
  const rows = await queryNamed(
    ds,
    `${half('from_id', 'to_id', 1)} UNION ALL ${half('to_id', 'from_id', 0)} LIMIT ${MAX_STEP_RELATIONS + 1}`,
    { relations: RELATIONS, frontier: paddedKeys(frontier), ...(types ? { types } : {}) },
  );
  if (rows.length > MAX_STEP_RELATIONS) tooLarge('relations in one step', MAX_STEP_RELATIONS, argument);
  const order = new Map(frontier.map((id, i) => [id, i]));
  // deterministic whatever order the database returns: frontier order, then the relation's, then paper order
  return rows
    .map((r) => ({
      relation: String(r.relation) as EdgeRelation,
      position: Number(r.position),
      near: String(r.near),
      outgoing: Number(r.outgoing) === 1,
      other: entity(r.id, r.type, r.nodePosition),
    }))
    .sort(
      (a, b) =>
        order.get(a.near)! - order.get(b.near)! ||
        relationRank(a.relation) - relationRank(b.relation) ||
        a.position - b.position ||
        inPaperOrder(a.other, b.other),
    );
}

/** The stored relations among `ids` (both ends in it): one statement. */
async function linksAmong(
  ds: DataSource,
  ids: string[],
): Promise<{ relation: string; from: string; to: string }[]> {
  const keys = paddedKeys(ids);
  const rows = await queryNamed(
    ds,
    `SELECT e.relation AS relation, e.from_id AS "fromId", e.to_id AS "toId" FROM graph_edges e
      WHERE e.relation IN (:...relations) AND e.from_id IN (:...ids) AND e.to_id IN (:...ids) LIMIT ${MAX_TRAVERSAL_EDGES + 1}`,
    { relations: RELATIONS, ids: keys },
  );
  if (rows.length > MAX_TRAVERSAL_EDGES) tooLarge('relations', MAX_TRAVERSAL_EDGES, 'depth');
  return rows.map((r) => ({ relation: String(r.relation), from: String(r.fromId), to: String(r.toId) }));
}

/**
 * The entities within `depth` relations of `center` and the relations among them and the center. Every
 * type is traversed; `include` says which are returned (the center always is). depth + 1 statements at
 * most: one per level, one for the relations among the last level's entities.
 */
export async function neighborhood(
  ds: DataSource,
  center: GraphEntity,
  depth: number,
  include: (type: NodeType) => boolean,
): Promise<Neighborhood> {
  const reached = new Map<string, { entity: GraphEntity; depth: number }>([
    [center.id, { entity: center, depth: 0 }],
  ]);
  const links = new Map<string, { relation: string; from: string; to: string }>();
  const link = (relation: string, from: string, to: string) =>
    links.set(`${relation}\0${from}\0${to}`, { relation, from, to });
  let frontier = [center.id];
  for (let level = 1; level <= depth && frontier.length > 0; level++) {
    const next: string[] = [];
    for (const step of await expand(ds, frontier, null, 'depth')) {
      if (step.outgoing) link(step.relation, step.near, step.other.id);
      else link(step.relation, step.other.id, step.near);
      if (reached.has(step.other.id)) continue;
      reached.set(step.other.id, { entity: step.other, depth: level });
      next.push(step.other.id);
    }
    if (reached.size > MAX_TRAVERSAL_NODES) tooLarge('entities', MAX_TRAVERSAL_NODES, 'depth');
    frontier = next;
  }
  // the last level was not expanded: the relations between two of its entities are read on their own
  const last = frontier.filter((id) => include(reached.get(id)!.entity.type));
  if (last.length > 1) for (const l of await linksAmong(ds, last)) link(l.relation, l.from, l.to);
  const nodes = [...reached.values()]
    .filter((r) => r.depth > 0 && include(r.entity.type))
    .sort((a, b) => a.depth - b.depth || inPaperOrder(a.entity, b.entity))
    .map((r) => r.entity);
  const index = new Map([center, ...nodes].map((e, i) => [e.id, i]));
  const edges = [...links.values()]
    .filter((l) => index.has(l.from) && index.has(l.to))
    .sort(
      (a, b) =>
        index.get(a.from)! - index.get(b.from)! ||
        relationRank(a.relation) - relationRank(b.relation) ||
        index.get(a.to)! - index.get(b.to)!,
    );
  if (edges.length > MAX_TRAVERSAL_EDGES) tooLarge('relations', MAX_TRAVERSAL_EDGES, 'depth');
  return {
    center,
    nodes,
    edges: edges.map((l) => ({
      relation: fieldOf(l.relation),
      from: reached.get(l.from)!.entity,
      to: reached.get(l.to)!.entity,
    })),
  };
}

/**
 * A shortest chain of stored relations from `from` to `to` through entities of `types` only, at most
 * `maxDepth` long, or null: breadth first, one statement per level. Among chains of the same length the
 * first in paper order wins (the frontier is kept in the order it was reached, each level's relations in
 * their order and position).
 */
export async function shortestPath(
  ds: DataSource,
  from: GraphEntity,
  to: GraphEntity,
  maxDepth: number,
  types: readonly NodeType[],
): Promise<GraphLink[] | null> {
  if (from.id === to.id) return [];
  const reached = new Map<string, { entity: GraphEntity; via: Step | null }>([
    [from.id, { entity: from, via: null }],
  ]);
  let frontier = [from.id];
  for (let level = 1; level <= maxDepth && frontier.length > 0; level++) {
    const next: string[] = [];
    for (const step of await expand(ds, frontier, types, 'maxDepth')) {
      if (reached.has(step.other.id)) continue;
      reached.set(step.other.id, { entity: step.other, via: step });
      next.push(step.other.id);
    }
    if (reached.has(to.id)) return chainTo(to.id, reached);
    if (reached.size > MAX_PATH_SEARCH) tooLarge('entities', MAX_PATH_SEARCH, 'maxDepth');
    frontier = next;
  }
  return null;
}

function chainTo(id: string, reached: Map<string, { entity: GraphEntity; via: Step | null }>): GraphLink[] {
  const chain: GraphLink[] = [];
  for (let at = reached.get(id)!; at.via; at = reached.get(at.via.near)!) {
    const near = reached.get(at.via.near)!.entity;
    const [a, b] = at.via.outgoing ? [near, at.entity] : [at.entity, near];
    chain.push({ relation: fieldOf(at.via.relation), from: a, to: b });
  }
  return chain.reverse();
}
