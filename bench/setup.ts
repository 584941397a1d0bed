import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildStores, seedStores } from '../src/data/seed';
import { scaleSurveyData } from '../src/data/synthetic';
import { loadSurveyData } from '../src/data/validate';
import { Config, loadConfig } from '../src/common/config';
import { dataOf, post } from './load';
import type { Target } from './targets';
import { DATASET_CANDIDATES, MODEL_CURSORS, NODE_ID_SOURCES, PAGE_SIZE } from './workloads';

export const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

/** Stores in a fresh temporary folder: built from data/ (scale 1) or from a graph `scale` times larger. */
export async function storesAt(scale: number, dir: string): Promise<Config> {
  fs.mkdirSync(dir, { recursive: true });
  const config = loadConfig({ STORE_DIR: dir });
  const started = Date.now();
  if (scale === 1) await seedStores(config);
  else await buildStores(config, scaleSurveyData(loadSurveyData(config.dataDir), scale));
  log(`stores at scale ${scale} built in ${Date.now() - started} ms (${dir})`);
  return config;
}

export const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-bench-'));

const NODES_WANTED = 100;

/** 100 real ids of models, datasets, tasks and citations, read through the gateway. */
export async function nodeIds(target: Target): Promise<string[]> {
  const data = dataOf(
    await post(target.url, JSON.stringify({ query: NODE_ID_SOURCES })),
    'node ids',
  ) as Record<string, { nodes: { id: string }[] }>;
  const ids = Object.values(data).flatMap((c) => c.nodes.map((n) => n.id));
  if (ids.length < NODES_WANTED) throw new Error(`only ${ids.length} ids found for the nodes workload`);
  return ids.slice(0, NODES_WANTED);
}

/** The dataset whose page has the most on it: models trained on it, results, risks and citations. */
export async function richestDataset(target: Target): Promise<string> {
  type D = {
    slug: string;
    usedToTrain: { totalCount: number };
    evaluations: { totalCount: number };
    risks: unknown[];
    citations: unknown[];
  };
  const data = dataOf(await post(target.url, JSON.stringify({ query: DATASET_CANDIDATES })), 'datasets') as {
    datasets: { nodes: D[] };
  };
  const score = (d: D) =>
    (d.usedToTrain.totalCount > 0 ? 1 : 0) +
    (d.evaluations.totalCount > 0 ? 1 : 0) +
    (d.risks.length > 0 ? 1 : 0) +
    d.usedToTrain.totalCount +
    d.evaluations.totalCount +
    d.risks.length +
    d.citations.length;
  const best = [...data.datasets.nodes].sort((a, b) => score(b) - score(a))[0];
  if (!best) throw new Error('no dataset to benchmark');
  return best.slug;
}

const MAX_CURSOR_PAGES = 10_000;

/** The cursor after which exactly one last full page of models remains: a deep page, read by paging. */
export async function deepCursor(
  target: Target,
  orderBy: object | null = null,
): Promise<{ after: string | null; total: number }> {
  const cursors: string[] = [];
  let after: string | null = null;
  let total = 0;
  for (let page = 0; page < MAX_CURSOR_PAGES; page++) {
    type P = {
      models: { totalCount: number; pageInfo: { hasNextPage: boolean }; edges: { cursor: string }[] };
    };
    const data = dataOf(
      await post(target.url, JSON.stringify({ query: MODEL_CURSORS, variables: { after, orderBy } })),
      'cursors',
    ) as P;
    total = data.models.totalCount;
    cursors.push(...data.models.edges.map((e) => e.cursor));
    if (!data.models.pageInfo.hasNextPage || data.models.edges.length === 0) break;
    after = cursors[cursors.length - 1];
  }
  const index = cursors.length - PAGE_SIZE - 1;
  return { after: index >= 0 ? cursors[index] : null, total };
}
