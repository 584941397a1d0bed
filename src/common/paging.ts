import { ArgsType, Directive, Field, Int, ObjectType } from 'type-graphql';
import * as crypto from 'crypto';
import { GraphQLError } from 'graphql';
import { badInput } from './errors';
import type { ListScope } from './graph/aggregates';
import { AggregatedList, noField } from './aggregate.type';

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

/** A root list's paging: forward (`first`, `after`) or backward (`last`, `before`), keyset-based both ways. */
@ArgsType()
export class RootConnectionArgs extends ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: `page size counted back from \`before\` (or from the end): default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}`,
  })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'the startCursor of the next page' })
  before?: string | null;
}

/**
 * A validated page request: `after` is the decoded sort key of the last row already seen in the reading
 * direction (the `before` cursor when `backward`), `first` the page size (`last` when backward), `list`
 * names the list and its order, so that a cursor of one list is refused by another.
 */
export interface PageRequest {
  first: number;
  after: unknown[] | null;
  list: string;
  backward?: boolean;
}

/** A short, stable name for a list and its order (a cursor carries it). */
export function listTag(...parts: string[]): string {
  return crypto.createHash('sha256').update(parts.join('\0')).digest('base64url').slice(0, 8);
}

function pageSize(value: number | null | undefined, argument: string, maxPageSize: number): number {
  const size = value ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0)
    throw badInput(`"${argument}" must be a non-negative integer, got ${size}`, { argument });
  if (size > maxPageSize)
    throw badInput(
      `"${argument}" must be at most ${maxPageSize}, got ${size}; page through the rest with "${argument === 'first' ? 'after' : 'before'}"`,
      { argument, max: maxPageSize },
    );
  return size;
}

export function pageRequest(
  args: ConnectionArgs & { last?: number | null; before?: string | null },
  list: string,
  maxPageSize = MAX_PAGE_SIZE,
): PageRequest {
  const backward = args.last != null || args.before != null;
  if (!backward)
    return {
      first: pageSize(args.first, 'first', maxPageSize),
      after: args.after == null ? null : decodeCursor(args.after, list),
      list,
    };
  // as GitHub's API: one direction per request
  if (args.first != null || args.after != null)
    throw badInput('page forward ("first", "after") or backward ("last", "before"), not both at once', {
      argument: args.first != null ? 'first' : 'after',
    });
  return {
    first: pageSize(args.last, 'last', maxPageSize),
    after: args.before == null ? null : decodeCursor(args.before, list, 'before'),
    list,
    backward: true,
  };
}

// Cursors carry their list's tag and the row's sort key, so a page stays stable while rows are added
// elsewhere, and a cursor given to another list is an error rather than a page of that list.
export function encodeCursor(list: string, key: unknown[]): string {
  return Buffer.from(JSON.stringify(['c', list, ...key]), 'utf8').toString('base64');
}

export function decodeCursor(cursor: string, list: string, argument = 'after'): unknown[] {
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
        throw badInput(`"${argument}" is a cursor of another list or ordering`, { argument });
      return parsed.slice(2);
    }
  } catch (err) {
    if (err instanceof GraphQLError) throw err;
    // otherwise not a cursor: the error below
  }
  throw badInput(`"${argument}" is not a valid cursor: ${JSON.stringify(cursor.slice(0, 64))}`, {
    argument,
  });
}

export interface Page<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: PageInfo;
}

/**
 * Builds a page from up to first+1 rows fetched after the cursor in the reading direction (the extra row
 * tells whether there is more that way); a backward page's rows arrive last first and are put in order.
 */
export function toPage<T>(rows: T[], request: PageRequest, keyOf: (row: T) => unknown[]): Page<T> {
  const read = rows.slice(0, request.first);
  const nodes = request.backward ? read.reverse() : read;
  const more = rows.length > request.first;
  const edges = nodes.map((node) => ({ cursor: encodeCursor(request.list, keyOf(node)), node }));
  return {
    edges,
    nodes,
    pageInfo: {
      hasNextPage: request.backward ? request.after !== null : more,
      hasPreviousPage: request.backward ? more : request.after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

export interface ConnectionShape<T> extends Page<T> {
  totalCount(): Promise<number>;
}

type ClassOf<T> = abstract new (...args: never[]) => T;

/** A connection's `aggregate` type, which makes one over the connection's list. */
export type AggregateOf<A> = ClassOf<A> & { of(list: AggregatedList): A };

/**
 * Declares `<Name>Edge` and `<Name>Connection` for a node type, with `aggregate` when given. totalCount
 * and aggregate are methods so that their queries only run when a client asks for them.
 */
export function connectionTypes<T extends object, A = never>(
  node: ClassOf<T>,
  name: string,
  aggregate?: AggregateOf<A>,
) {
  const aggregateField = aggregate
    ? Field(() => aggregate, { description: 'counts and groups over the whole list, not only this page' })
    : noField;

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

    /** the ids of the whole list (all pages), for `aggregate` */
    scope?: ListScope;

    @Field(() => Int, { description: 'the number of items in the whole list, not only this page' })
    totalCount(): Promise<number> {
      return this.count();
    }

    @aggregateField
    aggregate(): A {
      return aggregate!.of(this);
    }

    // `this`-free, so resolvers can pass it around as `XConnection.of`
    static of(this: void, page: Page<T>, count: () => Promise<number>, scope?: ListScope): Connection {
      // totalCount and aggregate.count share one COUNT
      let counted: Promise<number> | undefined;
      return Object.assign(new Connection(), page, { count: () => (counted ??= count()), scope });
    }
  }
  return { Edge, Connection };
}
