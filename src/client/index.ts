import type { ResultOf, TypedDocumentNode } from '@graphql-typed-document-node/core';
import { ClientError, GraphQLClient } from 'graphql-request';
import {
  AuditClosedModelsDocument,
  AuditDatasetsWithoutOpenAccessDocument,
  AuditModelsWithUnreportedSizeDocument,
  AuditResultsOnRestrictedDatasetsDocument,
  AuditRisksWithoutMitigationDocument,
  AuditUncitedEntitiesDocument,
  CitationSupportsDocument,
  type CitationSupportsQuery,
  DatasetPageDocument,
  type DatasetPageQuery,
  ModelPageDocument,
  type ModelPageQuery,
  SearchDocument,
  type SearchQuery,
  SectorOverviewDocument,
  type SectorOverviewQuery,
} from './generated/graphql';

export * from './generated/graphql';
export { ClientError };

export type ClientConfig = ConstructorParameters<typeof GraphQLClient>[1];

/** Variables are optional exactly when the operation has no required variable. */
export type VariablesArg<TVariables> =
  Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

/** The server could not be reached at all (refused, reset, unknown host): no GraphQL response. */
export class AtlasUnreachableError extends Error {
  constructor(
    readonly url: string,
    cause: unknown,
  ) {
    super(`cannot reach the lam-atlas API at ${url} (${connectionFailure(cause)})`, { cause });
    this.name = 'AtlasUnreachableError';
  }
}

interface FetchFailure {
  name: string;
  message: string;
  cause?: { message?: string; code?: string };
}

// undici's fetch reports every connection failure as TypeError("fetch failed") with the reason as its
// cause; checked by shape, since errors may come from another realm (vm contexts, test runners).
function isFetchFailure(error: unknown): error is FetchFailure {
  const e = error as Partial<FetchFailure> | null;
  return typeof e === 'object' && e !== null && e.name === 'TypeError' && e.message === 'fetch failed';
}

function connectionFailure(error: unknown): string {
  const cause = isFetchFailure(error) ? error.cause : undefined;
  return cause?.message || cause?.code || String(error);
}

/** Every audit of `Query.audits`, each fetched by its own named operation. */
export interface AuditReport {
  datasetsWithoutOpenAccess: ResultOf<
    typeof AuditDatasetsWithoutOpenAccessDocument
  >['audits']['datasetsWithoutOpenAccess'];
  closedModels: ResultOf<typeof AuditClosedModelsDocument>['audits']['closedModels'];
  modelsWithUnreportedSize: ResultOf<
    typeof AuditModelsWithUnreportedSizeDocument
  >['audits']['modelsWithUnreportedSize'];
  resultsOnRestrictedDatasets: ResultOf<
    typeof AuditResultsOnRestrictedDatasetsDocument
  >['audits']['resultsOnRestrictedDatasets'];
  risksWithoutMitigation: ResultOf<
    typeof AuditRisksWithoutMitigationDocument
  >['audits']['risksWithoutMitigation'];
  uncitedEntities: ResultOf<typeof AuditUncitedEntitiesDocument>['audits']['uncitedEntities'];
}

// Each audit is its own saved operation, so a client asks for exactly the audits it shows.
const AUDIT_DOCUMENTS: {
  [K in keyof AuditReport]: TypedDocumentNode<
    { audits: { [P in K]: AuditReport[K] } },
    Record<string, never>
  >;
} = {
  datasetsWithoutOpenAccess: AuditDatasetsWithoutOpenAccessDocument,
  closedModels: AuditClosedModelsDocument,
  modelsWithUnreportedSize: AuditModelsWithUnreportedSizeDocument,
  resultsOnRestrictedDatasets: AuditResultsOnRestrictedDatasetsDocument,
  uncitedEntities: AuditUncitedEntitiesDocument,
  risksWithoutMitigation: AuditRisksWithoutMitigationDocument,
};

/** An error of this client as one line for a person: unreachable server, GraphQL error, or other. */
export function describeError(error: unknown): string {
  if (error instanceof AtlasUnreachableError) return error.message;
  if (error instanceof ClientError)
    return `the API answered with an error: ${error.response.errors?.[0]?.message ?? `HTTP ${error.response.status}`}`;
  return error instanceof Error ? error.message : String(error);
}

export interface AtlasClient {
  readonly url: string;
  /** Runs a generated document; its result and variables are typed by the document. */
  request<TResult, TVariables extends object>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...variables: VariablesArg<TVariables>
  ): Promise<TResult>;
  /** One audit of `Query.audits`, by its field name. */
  audit<K extends keyof AuditReport>(name: K): Promise<AuditReport[K]>;
  audits(): Promise<AuditReport>;
  modelPage(slug: string): Promise<ModelPageQuery['model']>;
  datasetPage(slug: string): Promise<DatasetPageQuery['dataset']>;
  citationSupports(number: number): Promise<CitationSupportsQuery['citation']>;
  sectorOverview(slug: string): Promise<SectorOverviewQuery['sector']>;
  search(query: string, first?: number): Promise<SearchQuery['search']>;
}

/**
 * A typed client of the lam-atlas GraphQL API at `url` (e.g. http://localhost:4000/graphql).
 * GraphQL errors reject with graphql-request's ClientError; a server that cannot be reached
 * rejects with AtlasUnreachableError.
 */
export function createAtlasClient(url: string, config?: ClientConfig): AtlasClient {
  const client = new GraphQLClient(url, config);

  async function request<TResult, TVariables extends object>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...[variables]: VariablesArg<TVariables>
  ): Promise<TResult> {
    try {
      return await client.request<TResult, object>({ document, variables });
    } catch (error) {
      if (isFetchFailure(error)) throw new AtlasUnreachableError(url, error);
      throw error;
    }
  }

  async function audit<K extends keyof AuditReport>(name: K): Promise<AuditReport[K]> {
    const document = AUDIT_DOCUMENTS[name] as TypedDocumentNode<
      { audits: Record<K, AuditReport[K]> },
      Record<string, never>
    >;
    return (await request(document)).audits[name];
  }

  return {
    url,
    request,
    audit,
    async audits() {
      const names = Object.keys(AUDIT_DOCUMENTS) as (keyof AuditReport)[];
      const parts = await Promise.all(names.map((name) => audit(name)));
      return Object.fromEntries(names.map((name, i) => [name, parts[i]])) as unknown as AuditReport;
    },
    modelPage: async (slug) => (await request(ModelPageDocument, { slug })).model,
    datasetPage: async (slug) => (await request(DatasetPageDocument, { slug })).dataset,
    citationSupports: async (number) => (await request(CitationSupportsDocument, { number })).citation,
    sectorOverview: async (slug) => (await request(SectorOverviewDocument, { slug })).sector,
    search: async (query, first) => (await request(SearchDocument, { query, first })).search,
  };
}
