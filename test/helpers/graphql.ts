/** A GraphQL error as the servers send it. */
export interface GraphQLErrorJson {
  message: string;
  path?: (string | number)[];
  locations?: { line: number; column: number }[];
  extensions?: { code?: string; serviceName?: string; [key: string]: unknown };
}

/**
 * A GraphQL response body. `T` is the shape of `data` the test's operation asks for: the tests
 * name it, the values are what they assert.
 */
export interface GraphQLResponse<T = unknown> {
  data?: T | null;
  errors?: GraphQLErrorJson[];
  extensions?: Record<string, unknown>;
}

/** The data of an answer that must have no errors; fails with the errors otherwise. */
export function dataOf<T>(res: GraphQLResponse<T> | undefined): T {
  if (!res || res.errors?.length || res.data === undefined || res.data === null)
    throw new Error(`expected data and no errors, got ${JSON.stringify(res)}`);
  return res.data;
}

/** The data of a partial answer: data beside errors (a subgraph down, a null bubbled up). */
export function partialDataOf<T>(res: GraphQLResponse<T> | undefined): T {
  if (!res || res.data === undefined || res.data === null)
    throw new Error(`expected data, got ${JSON.stringify(res)}`);
  return res.data;
}

/** A connection's page as the schema shapes it. */
export interface Page<N> {
  totalCount: number;
  nodes: N[];
}

/** A JSON object of unknown content, for a value a test only compares as a whole. */
export type JsonObject = Record<string, unknown>;

/** Parses JSON text as the shape the test expects of it; the test's assertions check the values. */
export const parseJson = <T>(text: string): T => JSON.parse(text) as T;

/** The item of `items` whose slug is `slug`; fails the test when there is none. */
export function bySlug<T extends { slug: string }>(items: T[], slug: string): T {
  const found = items.find((i) => i.slug === slug);
  if (!found) throw new Error(`no "${slug}" among ${items.map((i) => i.slug).join(', ')}`);
  return found;
}
