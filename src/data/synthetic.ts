import type { SurveyData } from './schema';

const suffix = (slug: string, copy: number) => (copy === 0 ? slug : `${slug}-x${copy}`);

/**
 * A larger graph with the paper's shape: `factor` copies of every task, model, dataset, result,
 * comparison and risk, each copy referring to its own copies. Sectors, metrics and the 191 citations
 * stay as they are. Copy 0 is the real data, unchanged.
 */
export function scaleSurveyData(data: SurveyData, factor: number): SurveyData {
  if (!Number.isInteger(factor) || factor < 1) throw new Error(`scale factor must be a positive integer, got ${factor}`);
  const copies = <T>(rows: T[], make: (row: T, copy: number) => T): T[] =>
    Array.from({ length: factor }, (_, copy) => rows.map((r) => make(r, copy))).flat();
  const named = (name: string, copy: number) => (copy === 0 ? name : `${name} (copy ${copy})`);
  return {
    sectors: data.sectors,
    metrics: data.metrics,
    citations: data.citations,
    tasks: copies(data.tasks, (t, c) => ({ ...t, slug: suffix(t.slug, c), name: named(t.name, c) })),
    datasets: copies(data.datasets, (d, c) => ({ ...d, slug: suffix(d.slug, c), name: named(d.name, c), aliases: c === 0 ? d.aliases : [] })),
    models: copies(data.models, (m, c) => ({
      ...m,
      slug: suffix(m.slug, c),
      name: named(m.name, c),
      aliases: c === 0 ? m.aliases : [],
      trainedOn: m.trainedOn.map((d) => suffix(d, c)),
    })),
    results: copies(data.results, (r, c) => ({
      ...r,
      slug: suffix(r.slug, c),
      model: suffix(r.model, c),
      task: suffix(r.task, c),
      dataset: r.dataset && suffix(r.dataset, c),
    })),
    comparisons: copies(data.comparisons, (x, c) => ({ ...x, slug: suffix(x.slug, c), baseline: suffix(x.baseline, c), challenger: suffix(x.challenger, c) })),
    risks: copies(data.risks, (r, c) => ({
      ...r,
      slug: suffix(r.slug, c),
      name: named(r.name, c),
      models: r.models.map((m) => suffix(m, c)),
      datasets: r.datasets.map((d) => suffix(d, c)),
      mitigations: r.mitigations.map((mi) => ({ ...mi, slug: suffix(mi.slug, c) })),
    })),
  };
}
