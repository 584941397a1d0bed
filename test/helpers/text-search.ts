/** The answer of a searchText query, for the node selection `N` a test asks for. */
export interface TextSearchEdge<N> {
  score: number;
  field: string;
  snippet: string;
  cursor?: string;
  node: N;
}

export interface TextSearchAnswer<N> {
  searchText: {
    totalCount: number;
    edges: TextSearchEdge<N>[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}
