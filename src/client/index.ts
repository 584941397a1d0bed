import type { ResultOf, TypedDocumentNode } from '@graphql-typed-document-node/core';
import { ClientError, GraphQLClient } from 'graphql-request';
import {
  ApproveProposalDocument,
  type ApproveProposalMutation,
  ChangesDocument,
  type ChangesQuery,
  CommentOnProposalDocument,
  type CommentOnProposalMutation,
  type CreateDatasetInput,
  type CreateModelInput,
  DatasetHistoryDocument,
  type DatasetHistoryQuery,
  ModelHistoryDocument,
  type ModelHistoryQuery,
  OpenProposalDocument,
  type OpenProposalInput,
  type OpenProposalMutation,
  ProposalDocument,
  type ProposalQuery,
  ProposalsDocument,
  type ProposalsQuery,
  type ProposalStatus,
  ProposeDatasetDocument,
  type ProposeDatasetMutation,
  ProposeModelDocument,
  type ProposeModelMutation,
  RejectProposalDocument,
  type RejectProposalMutation,
  RetireDatasetDocument,
  type RetireDatasetMutation,
  type RetireInput,
  RetireModelDocument,
  type RetireModelMutation,
  RevertChangeDocument,
  type RevertChangeInput,
  type RevertChangeMutation,
  type ReviewProposalInput,
  UpdateDatasetDocument,
  type UpdateDatasetInput,
  type UpdateDatasetMutation,
  UpdateModelDocument,
  type UpdateModelInput,
  type UpdateModelMutation,
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

export type ClientConfig = ConstructorParameters<typeof GraphQLClient>[1] & {
  /**
   * An API key (`lam-atlas keys create`), sent as `Authorization: Bearer <key>` with every request:
   * reading needs none, a write a curator key, an approval a reviewer key (docs/curation.md).
   */
  apiKey?: string;
};

export { API_KEY_VARIABLE } from './api-key';

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

  // Curation (docs/curation.md). A write answers its payload: a refused input is in `userErrors`, which
  // the client returns rather than throws; a missing or wrong key is a GraphQL error, thrown (ClientError).
  /** proposes a new model (curator key) */
  proposeModel(input: CreateModelInput): Promise<ProposeModelMutation['createModel']>;
  /** proposes a change of a model against the version it saw (curator key) */
  updateModel(input: UpdateModelInput): Promise<UpdateModelMutation['updateModel']>;
  /** proposes retiring a model (curator key) */
  retireModel(input: RetireInput): Promise<RetireModelMutation['retireModel']>;
  /** proposes a new dataset (curator key) */
  proposeDataset(input: CreateDatasetInput): Promise<ProposeDatasetMutation['createDataset']>;
  /** proposes a change of a dataset against the version it saw (curator key) */
  updateDataset(input: UpdateDatasetInput): Promise<UpdateDatasetMutation['updateDataset']>;
  /** proposes retiring a dataset (curator key) */
  retireDataset(input: RetireInput): Promise<RetireDatasetMutation['retireDataset']>;
  /** proposes undoing an applied change, the last of its entity (curator key) */
  revertChange(input: RevertChangeInput): Promise<RevertChangeMutation['revertChange']>;
  /** opens an empty proposal to make several writes into (curator key) */
  openProposal(input: OpenProposalInput): Promise<OpenProposalMutation['openProposal']>;
  /** comments on a proposal (curator key) */
  commentOnProposal(input: ReviewProposalInput): Promise<CommentOnProposalMutation['commentOnProposal']>;
  /** approves a proposal, never one's own, applying its changes together (reviewer key) */
  approveProposal(input: ReviewProposalInput): Promise<ApproveProposalMutation['approveProposal']>;
  /** rejects a proposal (reviewer key) */
  rejectProposal(input: ReviewProposalInput): Promise<RejectProposalMutation['rejectProposal']>;
  /** the proposals of a status (OPEN unless told), newest first */
  proposals(status?: ProposalStatus, first?: number): Promise<ProposalsQuery['proposals']>;
  proposal(id: string): Promise<ProposalQuery['proposal']>;
  /** the applied changes after the seq `since`, oldest first */
  changes(since?: number, first?: number): Promise<ChangesQuery['changes']>;
  /** a model's version and applied changes; null for a slug the graph does not hold */
  modelHistory(slug: string): Promise<ModelHistoryQuery['model']>;
  datasetHistory(slug: string): Promise<DatasetHistoryQuery['dataset']>;
}

/** `config` with `apiKey` turned into an Authorization header over any headers it gives. */
function withApiKey(config: ClientConfig | undefined): ConstructorParameters<typeof GraphQLClient>[1] {
  if (!config?.apiKey) {
    if (!config) return config;
    const { apiKey: _none, ...rest } = config;
    return rest;
  }
  const { apiKey, headers, ...rest } = config;
  return {
    ...rest,
    headers: () => {
      const merged = new Headers(typeof headers === 'function' ? headers() : headers);
      merged.set('authorization', `Bearer ${apiKey}`);
      return merged;
    },
  };
}

/**
 * A typed client of the lam-atlas GraphQL API at `url` (e.g. http://localhost:4000/graphql).
 * GraphQL errors reject with graphql-request's ClientError; a server that cannot be reached
 * rejects with AtlasUnreachableError.
 */
export function createAtlasClient(url: string, config?: ClientConfig): AtlasClient {
  const client = new GraphQLClient(url, withApiKey(config));

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
    proposeModel: async (input) => (await request(ProposeModelDocument, { input })).createModel,
    updateModel: async (input) => (await request(UpdateModelDocument, { input })).updateModel,
    retireModel: async (input) => (await request(RetireModelDocument, { input })).retireModel,
    proposeDataset: async (input) => (await request(ProposeDatasetDocument, { input })).createDataset,
    updateDataset: async (input) => (await request(UpdateDatasetDocument, { input })).updateDataset,
    retireDataset: async (input) => (await request(RetireDatasetDocument, { input })).retireDataset,
    revertChange: async (input) => (await request(RevertChangeDocument, { input })).revertChange,
    openProposal: async (input) => (await request(OpenProposalDocument, { input })).openProposal,
    commentOnProposal: async (input) =>
      (await request(CommentOnProposalDocument, { input })).commentOnProposal,
    approveProposal: async (input) => (await request(ApproveProposalDocument, { input })).approveProposal,
    rejectProposal: async (input) => (await request(RejectProposalDocument, { input })).rejectProposal,
    proposals: async (status, first) => (await request(ProposalsDocument, { status, first })).proposals,
    proposal: async (id) => (await request(ProposalDocument, { id })).proposal,
    changes: async (since, first) => (await request(ChangesDocument, { since, first })).changes,
    modelHistory: async (slug) => (await request(ModelHistoryDocument, { slug })).model,
    datasetHistory: async (slug) => (await request(DatasetHistoryDocument, { slug })).dataset,
  };
}
