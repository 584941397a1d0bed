/**
 * Prints the relationship audits of a running lam-atlas API and one model page, through the typed client.
 *
 *   npm start                      # in another terminal
 *   npm run example                # LAM_ATLAS_URL=http://host:port/graphql to use another server
 *   npm run example -- sam         # another model's page (a model slug)
 */
import { AtlasUnreachableError, ClientError, createAtlasClient, type AuditReport, type ModelPageQuery } from '../src/client';

const DEFAULT_URL = 'http://localhost:4000/graphql';

type Cell = string | number | null | undefined;

/** A plain-text table: a header row, a rule, then one line per row, columns padded to fit. */
export function formatTable(headers: string[], rows: Cell[][]): string {
  const text = rows.map((row) => row.map((cell) => (cell === null || cell === undefined || cell === '' ? '-' : String(cell))));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...text.map(line)].join('\n');
}

function section(title: string, count: number, table: string): string {
  return `\n${title} (${count})\n${table}\n`;
}

function auditSections(audits: AuditReport): string[] {
  return [
    section(
      'Datasets without open access',
      audits.datasetsWithoutOpenAccess.length,
      formatTable(
        ['dataset', 'access', 'scale', 'sector'],
        audits.datasetsWithoutOpenAccess.map((d) => [d.name, d.access, d.scale, d.sector?.name]),
      ),
    ),
    section(
      'Models without open access',
      audits.closedModels.length,
      formatTable(
        ['model', 'type', 'access', 'parameters'],
        audits.closedModels.map((m) => [m.name, m.type, m.access, m.parameters.display]),
      ),
    ),
    section(
      'Models whose size the paper does not report',
      audits.modelsWithUnreportedSize.length,
      formatTable(
        ['model', 'type', 'access', 'as printed'],
        audits.modelsWithUnreportedSize.map((m) => [m.name, m.type, m.access, m.parameters.display]),
      ),
    ),
    section(
      'Results on restricted datasets',
      audits.resultsOnRestrictedDatasets.length,
      formatTable(
        ['model', 'task', 'dataset', 'access', 'metric', 'value'],
        audits.resultsOnRestrictedDatasets.map((r) => [r.model.name, r.task.name, r.dataset?.name, r.dataset?.access, r.metric.name, r.display]),
      ),
    ),
    section(
      'Risks without mitigation',
      audits.risksWithoutMitigation.length,
      formatTable(['risk'], audits.risksWithoutMitigation.map((r) => [r.name])),
    ),
    section(
      'Entities no citation supports',
      audits.uncitedEntities.length,
      formatTable(['type', 'name'], audits.uncitedEntities.map((e) => [e.__typename, 'name' in e ? e.name : e.id])),
    ),
  ];
}

function modelPage(model: NonNullable<ModelPageQuery['model']>): string {
  const facts = formatTable(
    ['field', 'value'],
    [
      ['type', model.type],
      ['access', model.access],
      ['parameters', model.parameters.display],
      ['aliases', model.aliases.join(', ')],
      ['sectors', model.sectors.map((s) => s.name).join(', ')],
      ['trained on', model.trainedOn.map((d) => `${d.name} (${d.access})`).join(', ') || model.trainingDataNote],
      ['citations', model.citations.map((c) => (c.label ? `[${c.number}] ${c.label}` : `[${c.number}]`)).join(', ')],
      ['risks', model.risks.map((r) => r.name).join(', ')],
      ['source', model.source.location],
    ],
  );
  const results = formatTable(
    ['task', 'sector', 'dataset', 'metric', 'value'],
    model.results.map((r) => [r.task.name, r.task.sector.name, r.dataset?.name, r.metric.name, r.setting ? `${r.display} (${r.setting})` : r.display]),
  );
  return `\nModel: ${model.name}\n${facts}\n\nResults (${model.results.length})\n${results}\n`;
}

async function main(): Promise<void> {
  const url = process.env.LAM_ATLAS_URL || DEFAULT_URL;
  const slug = process.argv[2] ?? 'esmfold';
  const client = createAtlasClient(url);
  const [audits, model] = await Promise.all([client.audits(), client.modelPage(slug)]);
  process.stdout.write(`lam-atlas audits at ${url}\n`);
  for (const part of auditSections(audits)) process.stdout.write(part);
  if (!model) throw new Error(`no model with slug "${slug}"`);
  process.stdout.write(modelPage(model));
}

function oneLine(error: unknown): string {
  if (error instanceof AtlasUnreachableError) return error.message;
  if (error instanceof ClientError) return `the API answered with an error: ${error.response.errors?.[0]?.message ?? `HTTP ${error.response.status}`}`;
  return error instanceof Error ? error.message : String(error);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`audit-report: ${oneLine(error)}\n`);
    process.exitCode = 1;
  });
}
