import { registerEnumType } from 'type-graphql';
import { NodeType } from './graph-relations';

// Shared by every field that selects entity types (searchText, neighbors): one definition, so that the
// subgraphs that use it agree and Federation composes it.

export enum SearchType {
  MODEL = 'MODEL',
  DATASET = 'DATASET',
  TASK = 'TASK',
  METRIC = 'METRIC',
  RISK = 'RISK',
  MITIGATION = 'MITIGATION',
  SECTOR = 'SECTOR',
  CITATION = 'CITATION',
  RESULT = 'RESULT',
  COMPARISON = 'COMPARISON',
}

registerEnumType(SearchType, { name: 'SearchType', description: 'a type of entity, to search or traverse' });

/** The entity type each value names. */
export const SEARCH_TYPE_NODE: Record<SearchType, NodeType> = {
  [SearchType.MODEL]: 'Model',
  [SearchType.DATASET]: 'Dataset',
  [SearchType.TASK]: 'Task',
  [SearchType.METRIC]: 'Metric',
  [SearchType.RISK]: 'Risk',
  [SearchType.MITIGATION]: 'Mitigation',
  [SearchType.SECTOR]: 'Sector',
  [SearchType.CITATION]: 'Citation',
  [SearchType.RESULT]: 'Result',
  [SearchType.COMPARISON]: 'Comparison',
};
