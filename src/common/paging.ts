import { ArgsType, Directive, Field, Int, ObjectType } from 'type-graphql';
import * as crypto from 'crypto';
import { GraphQLError } from 'graphql';
import { badInput } from './errors';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

@ObjectType({ simpleResolvers: true })
@Directive('@shareable')
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field()
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: `page size: default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'the endCursor of the previous page' })
  after?: string | null;
}

/**
 * A validated page request: `after` is the decoded sort key of the last row already seen, `list` names
 * the list and its order, so that a cursor of one list is refused by another.
 */
export interface PageRequest {
  first: number;
  after: unknown[] | null;
  list: string;
}

/** A short, stable name for a list and its order (a cursor carries it). */
export function listTag(...parts: string[]): string {
  return crypto.createHash('sha256').update(parts.join('\0')).digest('base64url').slice(0, 8);
}

export function pageRequest(args: ConnectionArgs, list: string, maxPageSize = MAX_PAGE_SIZE): PageRequest {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0)
    throw badInput(`"first" must be a non-negative integer, got ${first}`, { argument: 'first' });
  if (first > maxPageSize)
    throw badInput(
      `"first" must be at most ${maxPageSize}, got ${first}; page through the rest with "after"`,
      { argument: 'first', max: maxPageSize },
    );
  return { first, after: args.after == null ? null : decodeCursor(args.after, list), list };
}

// Cursors carry their list's tag and the row's sort key, so a page stays stable while rows are added
// elsewhere, and a cursor given to another list is an error rather than a page of that list.
export function encodeCursor(list: string, key: unknown[]): string {
  return Buffer.from(JSON.stringify(['c', list, ...key]), 'utf8').toString('base64');
}

export function decodeCursor(cursor: string, list: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed[0] === 'c' &&
      typeof parsed[1] === 'string' &&
      parsed.length > 2 &&
      parsed.slice(2).every((v) => v === null || ['string', 'number'].includes(typeof v))
    ) {
      if (parsed[1] !== list)
        throw badInput('"after" is a cursor of another list or ordering', { argument: 'after' });
      return parsed.slice(2);
    }
  } catch (err) {
    if (err instanceof GraphQLError) throw err;
    // otherwise not a cursor: the error below
  }
  throw badInput(`"after" is not a valid cursor: ${JSON.stringify(cursor.slice(0, 64))}`, {
    argument: 'after',
  });
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
}

/** Builds a page from up to first+1 rows fetched after the cursor (the extra row tells hasNextPage). */
export function toPage<T>(rows: T[], request: PageRequest, keyOf: (row: T) => unknown[]): Page<T> {
  const nodes = rows.slice(0, request.first);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(request.list, keyOf(node)), node }));
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: rows.length > request.first,
      hasPreviousPage: request.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

export interface ConnectionShape<T> extends Page<T> {
  totalCount(): Promise<number>;
}

type ClassOf<T> = abstract new (...args: never[]) => T;

/**
 * Declares `<Name>Edge` and `<Name>Connection` for a node type. totalCount is a method so that
 * its COUNT query only runs when a client asks for it.
 */
export function connectionTypes<T extends object>(node: ClassOf<T>, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field()
    cursor: string;

    @Field(() => node)
    node: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class Connection implements ConnectionShape<T> {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => [node])
    nodes: T[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    count: () => Promise<number>;

    @Field(() => Int, { description: 'the number of items in the whole list, not only this page' })
    totalCount(): Promise<number> {
      return this.count();
    }

    // `this`-free, so resolvers can pass it around as `XConnection.of`
    static of(this: void, page: Page<T>, count: () => Promise<number>): Connection {
      return Object.assign(new Connection(), page, { count });
    }
  }
  return { Edge, Connection };
}
