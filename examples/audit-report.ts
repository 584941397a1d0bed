/**
 * Prints the relationship audits of a running lam-atlas API and one model page, through the typed client.
 *
 *   npm start                      # in another terminal
 *   npm run example                # the server of npm start: http://localhost:$PORT/graphql (PORT: 4000)
 *   npm run example -- sam         # another model's page (a model slug)
 *
 * LAM_ATLAS_URL=http://host:port/graphql reads another server; it wins over PORT.
 */
import { AtlasUnreachableError, createAtlasClient, describeError, type ModelPageQuery } from '../src/client';
import { AUDIT_NAMES, auditTable, formatTable } from '../src/client/audit-tables';

/** The API to read: LAM_ATLAS_URL, else the one `npm start` serves with the same PORT. */
export function apiUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.LAM_ATLAS_URL || `http://localhost:${env.PORT || 4000}/graphql`;
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
      [
        'trained on',
        model.trainedOn.map((d) => `${d.name} (${d.access})`).join(', ') || model.trainingDataNote,
      ],
      [
        'citations',
        model.citations.map((c) => (c.label ? `[${c.number}] ${c.label}` : `[${c.number}]`)).join(', '),
      ],
      ['risks', model.risks.map((r) => r.name).join(', ')],
      ['source', model.source.location],
    ],
  );
  const results = formatTable(
    ['task', 'sector', 'dataset', 'metric', 'value'],
    model.results.map((r) => [
      r.task.name,
      r.task.sector.name,
      r.dataset?.name,
      r.metric.name,
      r.setting ? `${r.display} (${r.setting})` : r.display,
    ]),
  );
  return `\nModel: ${model.name}\n${facts}\n\nResults (${model.results.length})\n${results}\n`;
}

async function main(): Promise<void> {
  const url = apiUrl();
  const slug = process.argv[2] ?? 'esmfold';
  const client = createAtlasClient(url);
  const [audits, model] = await Promise.all([client.audits(), client.modelPage(slug)]);
  process.stdout.write(`lam-atlas audits at ${url}\n`);
  for (const name of AUDIT_NAMES) process.stdout.write(`\n${auditTable(name, audits[name])}`);
  if (!model) throw new Error(`no model with slug "${slug}"`);
  process.stdout.write(modelPage(model));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`audit-report: ${describeError(error)}\n`);
    if (error instanceof AtlasUnreachableError)
      process.stderr.write(
        'audit-report: `npm start` must be running (in another terminal); set PORT to the port it serves on, ' +
          'or LAM_ATLAS_URL to the URL of the API (it wins over PORT)\n',
      );
    process.exitCode = 1;
  });
}
