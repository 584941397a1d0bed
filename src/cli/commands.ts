import * as fs from 'fs';
import * as path from 'path';
import { buildSchema } from 'graphql';
import { API_KEY_VARIABLE } from '../client/api-key';
import { AUDIT_NAMES, auditNamed, auditTable, kebab } from '../client/audit-tables';
import { Config, loadConfig } from '../common/config';
import { ParsedArgs, UsageError } from './args';
import type { AtlasSource } from './atlas-source';
import { exportableTypes, exportRows } from './export';
import { EXPORT_FORMATS, ExportFormat, formatRows } from './formats';

const ROOT = path.resolve(__dirname, '../..');

export interface Command {
  usage: string;
  summary: string;
  options: readonly string[];
  /** what --help prints below the usage line */
  details: string;
  run(args: ParsedArgs, out: NodeJS.WritableStream): Promise<void>;
}

// The stores, the subgraphs and the gateway are loaded only by the commands that use them, so
// --help and mistyped commands answer at once.
const openAtlasSource = async (config: Config, url: string | undefined): Promise<AtlasSource> =>
  (await import('./atlas-source')).openAtlasSource(config, url);

function apiSchema() {
  return buildSchema(fs.readFileSync(path.join(ROOT, 'schema.graphql'), 'utf8'));
}

// Options that are configuration are passed through the environment, so they are checked like it.
function configWith(args: ParsedArgs): Config {
  const env = { ...process.env };
  if (args.options.port !== undefined) env.PORT = args.options.port;
  if (args.options.host !== undefined) env.HOST = args.options.host;
  return loadConfig(env);
}

function noMoreWords(args: ParsedArgs, max: number): void {
  if (args.positional.length > max)
    throw new UsageError(
      `${args.command} takes ${max ? `at most ${max} argument${max > 1 ? 's' : ''}` : 'no arguments'}, got "${args.positional.join(' ')}"`,
    );
}

/** Rows as left-aligned columns, two spaces apart. */
function columns(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map(
      (r) =>
        r
          .map((c, i) => c.padEnd(widths[i]))
          .join('  ')
          .trimEnd() + '\n',
    )
    .join('');
}

/** `export --data DIR`: the graph as data files, which only the local graph can give. */
async function exportDataDir(args: ParsedArgs, out: NodeJS.WritableStream): Promise<void> {
  const dir = args.options.data;
  if (dir === '') throw new UsageError('--data needs a directory');
  const other = ['format', 'out', 'url'].find((o) => args.options[o] !== undefined);
  if (other) throw new UsageError(`export --data writes every data file: it takes no --${other}`);
  if (args.positional.length > 0)
    throw new UsageError(
      `export --data writes every data file: it takes no type, got "${args.positional.join(' ')}"`,
    );
  const config = configWith(args);
  const { loadCuratedData } = await import('../data/curated-data');
  const { writeDataDir } = await import('../data/data-files');
  const data = await loadCuratedData(config);
  const written = writeDataDir(dir, data, config.dataDir);
  const counts = Object.entries(data).map(([kind, records]) => `${(records as unknown[]).length} ${kind}`);
  out.write(`wrote ${written.length} files to ${dir} (${counts.join(', ')}):\n`);
  for (const file of written) out.write(`  ${path.relative(dir, file)}\n`);
}

/** The GraphQL endpoint of the server the configuration names (a wildcard host is asked on localhost). */
function defaultUrl(config: Config): string {
  const host = ['0.0.0.0', '::', ''].includes(config.host) ? 'localhost' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}/graphql`;
}

const URL_OPTION = `--url URL   read a running server (e.g. http://localhost:4000/graphql) instead of the local stores`;

export const COMMANDS: Record<string, Command> = {
  serve: {
    usage: 'lam-atlas serve [--port N] [--host H]',
    summary: 'serve the gateway and every subgraph in one process (npm start)',
    options: ['port', 'host'],
    details:
      'Builds the stores from data/ when it changed, then serves /graphql, the playground, /healthz and /metrics.',
    run: async (args) => {
      noMoreWords(args, 0);
      await (await import('../main')).main(configWith(args));
    },
  },
  seed: {
    usage: 'lam-atlas seed',
    summary: 'rebuild every store from data/ (npm run seed)',
    options: [],
    details:
      'Validates data/ and replaces the stores all at once; a failure leaves the old stores as they were.',
    run: async (args) => {
      noMoreWords(args, 0);
      await (await import('../data/seed.main')).main(configWith(args));
    },
  },
  compose: {
    usage: 'lam-atlas compose',
    summary: 'write supergraph.graphql and schema.graphql (npm run compose)',
    options: [],
    details: 'Composes the subgraphs of src/subgraphs as they are now.',
    run: async (args) => {
      noMoreWords(args, 0);
      await (await import('../compose.main')).main();
    },
  },
  export: {
    usage: 'lam-atlas export <type> [--format json|csv] [--out FILE] [--url URL] | export --data DIR',
    summary: 'every row of an entity type, with its relations as ids; or the whole graph as data files',
    options: ['format', 'out', 'url', 'data'],
    details: [
      `<type>      ${[...exportableTypes(apiSchema()).keys()].sort().join(', ')} (or the list's name: models, ...)`,
      '--format    json (the default) or csv; in CSV a list is one cell holding a JSON array',
      '--out FILE  write to FILE instead of standard output',
      URL_OPTION,
      '--data DIR  instead of one type: write the graph as it stands as the files of data/ into DIR',
      '            (created when missing), with the paper, ready to validate and seed; it takes no',
      '            <type>, --format, --out or --url',
    ].join('\n'),
    run: async (args, out) => {
      if (args.options.data !== undefined) return exportDataDir(args, out);
      const [type] = args.positional;
      if (!type)
        throw new UsageError(
          'export needs a type, e.g. lam-atlas export models --format csv (or --data DIR for the data files)',
        );
      noMoreWords(args, 1);
      const format = (args.options.format ?? 'json').toLowerCase() as ExportFormat;
      if (!EXPORT_FORMATS.includes(format))
        throw new UsageError(`--format must be ${EXPORT_FORMATS.join(' or ')}, got "${args.options.format}"`);
      const source = await openAtlasSource(configWith(args), args.options.url);
      try {
        const text = formatRows(await exportRows(source.client, apiSchema(), type), format);
        if (args.options.out) fs.writeFileSync(args.options.out, text);
        else out.write(text);
      } finally {
        await source.close();
      }
    },
  },
  audit: {
    usage: 'lam-atlas audit [name] [--url URL]',
    summary: 'print the relationship audits as tables (all, or the one named)',
    options: ['url'],
    details: [`[name]      ${AUDIT_NAMES.map(kebab).join(', ')}`, URL_OPTION].join('\n'),
    run: async (args, out) => {
      noMoreWords(args, 1);
      const [wanted] = args.positional;
      const name = wanted === undefined ? undefined : auditNamed(wanted);
      if (wanted !== undefined && !name)
        throw new UsageError(
          `there is no audit "${wanted}"; the audits are ${AUDIT_NAMES.map(kebab).join(', ')}`,
        );
      const source = await openAtlasSource(configWith(args), args.options.url);
      try {
        const names = name ? [name] : AUDIT_NAMES;
        const tables = await Promise.all(names.map(async (n) => auditTable(n, await source.client.audit(n))));
        out.write(tables.join('\n'));
      } finally {
        await source.close();
      }
    },
  },
  import: {
    usage:
      'lam-atlas import companion-list FILE [--url URL] [--key KEY] [--commit C] [--retrieved DATE] [--format text|json]',
    summary: "propose the authors' companion list (data/companion/README.md) to the graph, as one proposal",
    options: ['url', 'key', 'commit', 'retrieved', 'format'],
    details: [
      'Reads the graph through the API of URL and proposes, through its mutations, what FILE adds: a',
      'statement from the list for each entry naming a model or dataset of the graph (and one on access',
      'where a dataset is filed otherwise), a new model or dataset for each entry it lacks, and the',
      'retirement of what an earlier import created and FILE no longer names. What the graph holds already',
      'is skipped: importing the same file again proposes nothing.',
      '--url URL       the server (default: the one PORT and HOST name, http://localhost:4000/graphql)',
      `--key KEY       a curator key (default: ${API_KEY_VARIABLE}); none: an error`,
      '--commit C      the commit of the list FILE is (default: the "commit:" line of SOURCE.md beside FILE)',
      "--retrieved D   when the list was read, the sources' retrievedAt (default: today)",
      '--format F      text (the default) or json: the report as JSON',
    ].join('\n'),
    run: async (args, out) => {
      const [what, file] = args.positional;
      if (what !== 'companion-list')
        throw new UsageError(`import takes companion-list FILE, got "${args.positional.join(' ')}"`);
      if (!file)
        throw new UsageError(
          'import companion-list needs the FILE of the list, e.g. data/companion/README.md',
        );
      noMoreWords(args, 2);
      const format = (args.options.format ?? 'text').toLowerCase();
      if (format !== 'text' && format !== 'json')
        throw new UsageError(`--format must be text or json, got "${args.options.format}"`);
      const { formatImportReport, importCompanionList } = await import('./import-companion');
      const report = await importCompanionList({
        file,
        url: args.options.url ?? defaultUrl(configWith(args)),
        apiKey: args.options.key || process.env[API_KEY_VARIABLE] || undefined,
        commit: args.options.commit,
        retrievedAt: args.options.retrieved,
      });
      out.write(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatImportReport(report));
    },
  },
  keys: {
    usage: 'lam-atlas keys create --role ROLE --name NAME | keys list | keys revoke NAME',
    summary: 'create, list and revoke the API keys curators, reviewers and admins write with',
    options: ['role', 'name'],
    details: [
      'create      a new key for NAME with ROLE (reader, curator, reviewer or admin); the key is printed',
      '            once and stored only as a scrypt hash: keep it, it cannot be shown again',
      'list        every key: its id, name, role, when it was created and revoked (never the key)',
      'revoke      revokes the key of NAME (or id) at once, in every process that reads the key store',
      'The keys live in STORE_DIR/keys.sqlite (or the auth schema beside the stores on PostgreSQL), which',
      'npm run seed never rebuilds.',
    ].join('\n'),
    run: async (args, out) => {
      const [action, target] = args.positional;
      const { KeyError, KeyStore, keyStoreTarget } = await import('../app/api-keys/key-store');
      const store = await KeyStore.open(keyStoreTarget(configWith(args)));
      try {
        if (action === 'create') {
          noMoreWords(args, 1);
          const { name, role } = args.options;
          if (!name || !role) throw new UsageError('keys create needs --role and --name');
          const { key, info } = await store.create(name, role);
          out.write(`${key}\n`);
          process.stderr.write(
            `created ${info.role} key ${info.id} for ${info.name}: it is shown this once\n`,
          );
        } else if (action === 'list') {
          noMoreWords(args, 1);
          const rows = (await store.list()).map((k) => [
            k.name,
            k.role,
            k.id,
            k.createdAt,
            k.revokedAt ?? '',
          ]);
          out.write(columns([['NAME', 'ROLE', 'ID', 'CREATED', 'REVOKED'], ...rows]));
        } else if (action === 'revoke') {
          noMoreWords(args, 2);
          if (!target) throw new UsageError('keys revoke needs the name (or id) of a key');
          const revoked = await store.revoke(target);
          if (!revoked) throw new UsageError(`there is no key "${target}" that is not revoked already`);
          out.write(`revoked ${revoked.role} key ${revoked.id} of ${revoked.name}\n`);
        } else throw new UsageError(`keys takes create, list or revoke, got "${action ?? ''}"`);
      } catch (err) {
        if (err instanceof KeyError) throw new UsageError(err.message);
        throw err;
      } finally {
        await store.close();
      }
    },
  },
};

export function overview(): string {
  return [
    'lam-atlas: a federated GraphQL knowledge graph of the survey "Large AI Models in Health Informatics"',
    '',
    'Usage: lam-atlas <command> [options]',
    '',
    ...Object.values(COMMANDS).map((c) => `  ${c.usage}\n      ${c.summary}`),
    '',
    'lam-atlas <command> --help tells more. Configuration comes from the environment (see the README).',
    '',
  ].join('\n');
}

export function commandHelp(command: Command): string {
  return `Usage: ${command.usage}\n\n${command.summary}.\n${command.details}\n`;
}
