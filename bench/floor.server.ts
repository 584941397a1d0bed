import Database from 'better-sqlite3';
import * as http from 'http';
import { Config, storeFile } from '../src/common/config';

// The floor: what the nested model query costs with no GraphQL at all. Hand-written SQL over the
// same three store files, one statement per table group, and JSON built in the gateway's key order.

interface ModelRow {
  id: string;
  name: string;
  type: string | null;
  parametersValue: number | null;
  parametersDisplay: string;
  parametersBound: string;
  access: string;
}

interface ResultRow {
  modelId: string;
  value: number;
  display: string;
  metricName: string;
  higherIsBetter: number;
  datasetName: string | null;
  datasetAccess: string | null;
  taskName: string;
  sectorName: string;
}

const IDS = 'SELECT value FROM json_each(?)';

function groupBy<R extends { entityId?: string; modelId?: string }, V>(
  rows: R[],
  key: (r: R) => string,
  value: (r: R) => V,
): Map<string, V[]> {
  const map = new Map<string, V[]>();
  for (const r of rows) {
    const k = key(r);
    const list = map.get(k);
    if (list) list.push(value(r));
    else map.set(k, [value(r)]);
  }
  return map;
}

export function startFloorServer(config: Config) {
  const open = (name: 'catalog' | 'risks' | 'literature') =>
    new Database(storeFile(config, name), { readonly: true, fileMustExist: true });
  const catalog = open('catalog');
  const literature = open('literature');
  const risks = open('risks');
  let statements = 0;

  const count = catalog.prepare('SELECT COUNT(*) AS n FROM models');
  const models = catalog.prepare(
    'SELECT id, name, type, parametersValue, parametersDisplay, parametersBound, access FROM models ORDER BY position LIMIT ?',
  );
  const results = catalog.prepare(
    `SELECT r.modelId, r.value, r.display, m.name AS metricName, m.higherIsBetter, d.name AS datasetName, d.access AS datasetAccess,
            t.name AS taskName, s.name AS sectorName
     FROM results r JOIN metrics m ON m.id = r.metricId JOIN tasks t ON t.id = r.taskId JOIN sectors s ON s.id = t.sectorId
     LEFT JOIN datasets d ON d.id = r.datasetId
     WHERE r.modelId IN (${IDS}) ORDER BY r.position`,
  );
  const citations = literature.prepare(
    `SELECT s.entityId, c.number, c.label FROM supports s JOIN citations c ON c.id = s.citationId WHERE s.entityId IN (${IDS}) ORDER BY c.number`,
  );
  const riskNames = risks.prepare(
    `SELECT e.entityId, r.name FROM risk_examples e JOIN risks r ON r.id = e.riskId WHERE e.entityId IN (${IDS}) ORDER BY r.position`,
  );

  /** The `data` of the nested model query for the first `first` models. */
  function nestedModels(first: number) {
    const rows = models.all(first) as ModelRow[];
    const ids = JSON.stringify(rows.map((m) => m.id));
    const totalCount = (count.get() as { n: number }).n;
    const resultsOf = groupBy(
      results.all(ids) as ResultRow[],
      (r) => r.modelId,
      (r) => ({
        value: r.value,
        display: r.display,
        metric: { name: r.metricName, higherIsBetter: r.higherIsBetter === 1 },
        dataset: r.datasetName === null ? null : { name: r.datasetName, access: r.datasetAccess },
        task: { name: r.taskName, sector: { name: r.sectorName } },
      }),
    );
    type Cited = { entityId: string; number: number; label: string | null };
    const citationsOf = groupBy(
      citations.all(ids) as Cited[],
      (c) => c.entityId,
      (c) => ({ number: c.number, label: c.label }),
    );
    type Named = { entityId: string; name: string };
    const risksOf = groupBy(
      riskNames.all(ids) as Named[],
      (r) => r.entityId,
      (r) => ({ name: r.name }),
    );
    statements += 5;
    return {
      models: {
        totalCount,
        nodes: rows.map((m) => ({
          name: m.name,
          type: m.type,
          parameters: { value: m.parametersValue, display: m.parametersDisplay, bound: m.parametersBound },
          access: m.access,
          results: resultsOf.get(m.id) ?? [],
          citations: citationsOf.get(m.id) ?? [],
          risks: risksOf.get(m.id) ?? [],
        })),
      },
    };
  }

  const reply = (res: http.ServerResponse, status: number, payload: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(payload));
  };

  // POST /models with {"first": n}: reads and parses the body as a GraphQL server must.
  const server = http.createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/models') return reply(res, 404, { error: 'POST /models' });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let first: unknown;
      try {
        first = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { first?: unknown }).first;
      } catch {
        return reply(res, 400, { error: 'the body must be JSON' });
      }
      if (!Number.isInteger(first) || (first as number) < 0 || (first as number) > 500)
        return reply(res, 400, { error: '"first" must be an integer from 0 to 500' });
      reply(res, 200, { data: nestedModels(first as number) });
    });
  });

  return {
    server,
    statements: () => statements,
    close: () => [catalog, literature, risks].forEach((db) => db.close()),
  };
}
