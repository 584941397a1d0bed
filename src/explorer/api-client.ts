import manifest from '../../persisted-documents.json';
import type * as G from '../client/generated/graphql';

/** The saved operations the explorer runs (src/client/operations/explorer-*.graphql and the audits). */
export interface Operations {
  ExplorerSearch: [G.ExplorerSearchQuery, G.ExplorerSearchQueryVariables];
  ExplorerEntity: [G.ExplorerEntityQuery, G.ExplorerEntityQueryVariables];
  ExplorerNeighbors: [G.ExplorerNeighborsQuery, G.ExplorerNeighborsQueryVariables];
  ExplorerPath: [G.ExplorerPathQuery, G.ExplorerPathQueryVariables];
  ExplorerTableOne: [G.ExplorerTableOneQuery, G.ExplorerTableOneQueryVariables];
  ExplorerAggregates: [G.ExplorerAggregatesQuery, G.ExplorerAggregatesQueryVariables];
  ExplorerAuditsWhere: [G.ExplorerAuditsWhereQuery, G.ExplorerAuditsWhereQueryVariables];
  AuditDatasetsWithoutOpenAccess: [G.AuditDatasetsWithoutOpenAccessQuery, Record<string, never>];
  AuditClosedModels: [G.AuditClosedModelsQuery, Record<string, never>];
  AuditModelsWithUnreportedSize: [G.AuditModelsWithUnreportedSizeQuery, Record<string, never>];
  AuditResultsOnRestrictedDatasets: [G.AuditResultsOnRestrictedDatasetsQuery, Record<string, never>];
  AuditRisksWithoutMitigation: [G.AuditRisksWithoutMitigationQuery, Record<string, never>];
  AuditUncitedEntities: [G.AuditUncitedEntitiesQuery, Record<string, never>];
}
export type OperationName = keyof Operations;

/** What a view ran: shown under it, and opened in the playground on request. */
export interface RanOperation {
  name: string;
  document: string;
  variables: Record<string, unknown>;
}

const DOCUMENTS = manifest as Record<string, string>;

/** The persisted document of a saved operation, and its id in the manifest. */
export function savedDocument(name: OperationName): { id: string; document: string } {
  const found = Object.entries(DOCUMENTS).find(([, doc]) => new RegExp(`(?:^| )query ${name}\\b`).test(doc));
  if (!found) throw new Error(`${name} is not in persisted-documents.json: run npm run codegen`);
  return { id: found[0], document: found[1] };
}

interface Answer<T> {
  data?: T;
  errors?: { message: string }[];
}

/**
 * Runs a saved operation. With trusted documents on (the page says so) only its id is sent, which is
 * all such a gateway accepts; otherwise its text, which any gateway accepts.
 */
export async function runOperation<N extends OperationName>(
  name: N,
  variables: Operations[N][1],
): Promise<{ data: Operations[N][0]; ran: RanOperation }> {
  const { id, document } = savedDocument(name);
  const byId = globalThis.document.body.dataset.documents === 'id';
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({
      ...(byId ? { documentId: id } : { query: document }),
      operationName: name,
      variables,
    }),
  });
  const answer = (await response.json()) as Answer<Operations[N][0]>;
  if (answer.errors?.length) throw new Error(answer.errors.map((e) => e.message).join('; '));
  if (!answer.data) throw new Error(`${name}: the gateway answered ${response.status} without data`);
  return { data: answer.data, ran: { name, document, variables: variables } };
}
