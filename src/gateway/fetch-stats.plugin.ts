/** Counts subgraph fetches, so tests and benchmarks can see a query plan's cost. */
export class FetchStats {
  total = 0;
  readonly bySubgraph: Record<string, number> = {};

  record(subgraphName: string): void {
    this.total++;
    this.bySubgraph[subgraphName] = (this.bySubgraph[subgraphName] ?? 0) + 1;
  }

  reset(): void {
    this.total = 0;
    for (const k of Object.keys(this.bySubgraph)) delete this.bySubgraph[k];
  }
}

export function useFetchStats(stats: FetchStats) {
  return {
    onSubgraphExecute({ subgraphName }: { subgraphName: string }) {
      stats.record(subgraphName);
    },
  };
}
