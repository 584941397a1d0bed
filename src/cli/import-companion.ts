// `lam-atlas import companion-list FILE`: the authors' companion list proposed to the graph through the
// public mutations, as one proposal, like any client. The graph is read through the API (so it works
// against any server), the plan is made against what it answers, and the writes are sent one by one.

import * as fs from 'fs';
import { type DocumentNode, Kind, print } from 'graphql';
import * as path from 'path';
import {
  AddStatementDocument,
  OpenProposalDocument,
  ProposalDocument,
  ProposalsDocument,
  ProposeDatasetDocument,
  ProposeModelDocument,
  RetireDatasetDocument,
  RetireModelDocument,
  SourcedDatasetsDocument,
  SourcedModelsDocument,
} from '../client/generated/graphql';
import { toGlobalId } from '../common/global-id';
import { CompanionEntry, parseCompanionList } from '../data/companion-list';
import { MAX_CHANGES } from '../common/curation/journal';
import {
  CompanionMatch,
  findCompanionMatches,
  nameKey,
  readSameAs,
  SameAs,
  sameAsOf,
} from '../data/companion-match';

export const LIST_REPOSITORY = 'https://github.com/Jianing-Qiu/Awesome-Healthcare-Foundation-Models';
export const LIST_TITLE = 'Awesome-Healthcare-Foundation-Models';
/** What an external source's quote holds at most. */
export const MAX_QUOTE = 400;
/** how an import's proposal is titled: "Companion list fd36f54: 190 changes" */
const TITLE_PREFIX = 'Companion list ';

export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

export interface ImportOptions {
  file: string;
  /** the GraphQL endpoint, e.g. http://localhost:4000/graphql */
  url: string;
  apiKey: string | undefined;
  /** the list's commit; read from SOURCE.md beside the file when not given */
  commit?: string;
  /** when the list was read (ISO 8601 date); today (UTC) when not given */
  retrievedAt?: string;
  fetch?: typeof fetch;
  /** waits out a RATE_LIMITED answer (tests make it instant) */
  sleep?: (ms: number) => Promise<void>;
}

export interface ReportedLine {
  line: number;
  name?: string;
  reason: string;
}

export type WriteKind = 'statement' | 'accessStatement' | 'createModel' | 'createDataset' | 'retire';

export interface PlannedWrite {
  kind: WriteKind;
  /** the mutation field, e.g. addStatement */
  mutation: string;
  input: Record<string, unknown>;
  /** the entry it comes from; none for a retirement */
  line?: number;
  /** the entity, as kind:slug */
  target: string;
}

export interface FailedWrite {
  line?: number;
  target: string;
  mutation: string;
  field: string | null;
  message: string;
  code: string;
}

export interface ImportReport {
  file: string;
  commit: string;
  retrievedAt: string;
  entries: number;
  proposal: { id: string; number: number; changes: number } | null;
  written: Record<WriteKind, number>;
  /** entries (and list statements) the graph holds already */
  skipped: ReportedLine[];
  /** entries read but not imported (legislation, a taken slug, an ambiguous name) */
  notImported: ReportedLine[];
  /** lines the parser could not read */
  problems: ReportedLine[];
  failed: FailedWrite[];
  /** what needs a person: statements of the list that can no longer be retired, etc. */
  notes: string[];
}

interface SourceView {
  url: string | null;
  title: string | null;
  quote: string | null;
  section: string | null;
}
interface StatementView {
  field: string | null;
  value: unknown;
  source: SourceView;
}
interface EntityView {
  id: string;
  slug: string;
  name: string;
  aliases: string[];
  version: number;
  access: string;
  source: SourceView;
  statements: StatementView[];
}
interface GraphView {
  models: EntityView[];
  datasets: EntityView[];
}

/** The saved operations the import sends (in the manifest, so a TRUSTED_DOCUMENTS=only gateway takes them). */
const LISTS = { models: SourcedModelsDocument, datasets: SourcedDatasetsDocument } as const;
const WRITES: Record<string, DocumentNode> = {
  addStatement: AddStatementDocument,
  createModel: ProposeModelDocument,
  createDataset: ProposeDatasetDocument,
  retireModel: RetireModelDocument,
  retireDataset: RetireDatasetDocument,
};

interface GraphQLAnswer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}
interface UserError {
  field: string[] | null;
  message: string;
  code: string;
}
interface ProposalAnswer {
  proposal: { id: string; number: number } | null;
  userErrors: UserError[];
}

const MAX_ATTEMPTS = 5;
const MAX_WAIT_SECONDS = 60;

/** A GraphQL client of its own: small, and it waits out RATE_LIMITED answers as their Retry-After says. */
function graphqlPoster(options: ImportOptions) {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  // the document's text, until a gateway that takes trusted documents only asks for their ids
  let byId = false;
  return async <T>(document: DocumentNode, variables: object = {}): Promise<T> => {
    const what = rootFieldOf(document);
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await doFetch(options.url, {
          method: 'POST',
          headers,
          body: JSON.stringify(
            byId ? { documentId: documentIdOf(document), variables } : { query: print(document), variables },
          ),
        });
      } catch (err) {
        const cause = (err as { cause?: { message?: string; code?: string } }).cause;
        throw new ImportError(
          `cannot reach the lam-atlas API at ${options.url} (${cause?.message ?? cause?.code ?? String(err)})`,
        );
      }
      const text = await res.text();
      let body: GraphQLAnswer | undefined;
      try {
        body = JSON.parse(text) as GraphQLAnswer;
      } catch {
        body = undefined;
      }
      const code = body?.errors?.[0]?.extensions?.code;
      if (code === 'TRUSTED_DOCUMENT_REQUIRED' && !byId) {
        byId = true;
        attempt--;
        continue;
      }
      if ((res.status === 429 || code === 'RATE_LIMITED') && attempt < MAX_ATTEMPTS) {
        const wait = Math.min(Number(res.headers.get('retry-after')) || 1, MAX_WAIT_SECONDS);
        await sleep(wait * 1000);
        continue;
      }
      if (body?.errors?.length) {
        const first = body.errors[0];
        throw new ImportError(`the server refused ${what}: ${first.message}${code ? ` (${code})` : ''}`);
      }
      if (!res.ok || !body?.data)
        throw new ImportError(`the server answered HTTP ${res.status}: ${text.slice(0, 200)}`);
      return body.data as T;
    }
  };
}
type Poster = ReturnType<typeof graphqlPoster>;

/** The first root field of an operation: what an error names ("the server refused createModel"). */
function rootFieldOf(document: DocumentNode): string {
  const op = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const first = op?.selectionSet.selections[0];
  return first?.kind === Kind.FIELD ? first.name.value : 'the request';
}

/** The id of a saved operation in persisted-documents.json (codegen puts it on the document). */
function documentIdOf(document: DocumentNode): string {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) throw new ImportError('the operation has no documentId: run npm run codegen');
  return hash;
}

async function readList(post: Poster, list: 'models' | 'datasets'): Promise<EntityView[]> {
  const all: EntityView[] = [];
  let after: string | null = null;
  for (;;) {
    type Page = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: EntityView[] };
    const data: Record<string, Page> = await post<Record<string, Page>>(LISTS[list], { after });
    const page: Page = data[list];
    all.push(...page.nodes);
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return all;
    after = page.pageInfo.endCursor;
  }
}

/** The curators' decisions of same-as.json beside the file (none without one). */
function sameAsBeside(file: string): SameAs[] {
  try {
    return readSameAs(path.dirname(file));
  } catch (e) {
    throw new ImportError((e as Error).message);
  }
}

/** The commit the file was taken at: the option, else the "commit:" line of SOURCE.md beside it. */
export function commitOf(file: string, given: string | undefined): string {
  if (given !== undefined) {
    if (!/^[0-9a-f]{7,40}$/.test(given))
      throw new ImportError(`--commit must be a git commit (hex), got "${given}"`);
    return given;
  }
  const source = path.join(path.dirname(file), 'SOURCE.md');
  const m = fs.existsSync(source)
    ? /^\s*-?\s*commit:\s*`?([0-9a-f]{7,40})`?\s*$/m.exec(fs.readFileSync(source, 'utf8'))
    : null;
  if (!m)
    throw new ImportError(
      `no --commit given and no "commit:" line in ${source}: say which commit of the list FILE is`,
    );
  return m[1];
}

/** lowercase, every run of other characters one dash */
export function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const fromList = (source: SourceView) => source.url?.startsWith(`${LIST_REPOSITORY}/`) ?? false;

/** The entry's text if the source can quote it; else its first line as written; else null. */
function quoteOf(entry: CompanionEntry, lines: string[]): { quote: string; note?: string } | null {
  if (entry.text.length <= MAX_QUOTE) return { quote: entry.text };
  const first = lines[entry.line - 1].trim().replace(/^[-*+]\s+/, '');
  if (first.length <= MAX_QUOTE)
    return {
      quote: first,
      note: `line ${entry.line}: the entry is longer than ${MAX_QUOTE} characters; its first line is quoted`,
    };
  return null;
}

interface Planner {
  entry: CompanionEntry;
  quote: string;
  external: Record<string, unknown>;
  /** a curator's decision that the entry names a record of another name */
  sameAs?: SameAs;
}

const EMPTY_COUNTS = (): Record<WriteKind, number> => ({
  statement: 0,
  accessStatement: 0,
  createModel: 0,
  createDataset: 0,
  retire: 0,
});

/** What the file proposes against the graph as it stands: the writes, and every line not written. */
export function planImport(
  markdown: string,
  graph: GraphView,
  commit: string,
  retrievedAt: string,
  decisions: readonly SameAs[] = [],
): Omit<ImportReport, 'file' | 'proposal' | 'written' | 'failed'> & { writes: PlannedWrite[] } {
  const { entries, problems } = parseCompanionList(markdown);
  const lines = markdown.split(/\r?\n/);
  const writes: PlannedWrite[] = [];
  const skipped: ReportedLine[] = [];
  const notImported: ReportedLine[] = [];
  const notes: string[] = [];
  const entity = (m: CompanionMatch) => graph[m.kind].find((e) => e.slug === m.slug)!;
  /** the list's quotes the entity holds already: its source's and its statements' */
  const quotesOf = (e: EntityView, field: string | null) =>
    [
      ...(field === null ? [e.source] : []),
      ...e.statements.filter((s) => s.field === field).map((s) => s.source),
    ]
      .filter(fromList)
      .map((s) => `${s.section}\n${s.quote}`);
  const sourced = (entry: CompanionEntry): Planner | null => {
    const q = quoteOf(entry, lines);
    if (!q) {
      notImported.push({
        line: entry.line,
        name: entry.name,
        reason: `longer than ${MAX_QUOTE} characters, even its first line: nothing to quote`,
      });
      return null;
    }
    if (q.note) notes.push(q.note);
    return {
      entry,
      quote: q.quote,
      external: {
        url: `${LIST_REPOSITORY}/blob/${commit}/README.md#L${entry.line}`,
        title: LIST_TITLE,
        retrievedAt,
        commit,
        section: entry.section.join(' > '),
        quote: q.quote,
      },
    };
  };

  // New entities: one per name, made from its first entry; the others are its statements.
  const created = new Map<string, { kind: 'models' | 'datasets'; slug: string; write: PlannedWrite }>();
  const slugsTaken = new Map<string, string>();
  for (const kind of ['models', 'datasets'] as const)
    for (const e of graph[kind])
      slugsTaken.set(e.slug, `${kind === 'models' ? 'model' : 'dataset'} "${e.name}"`);

  const seen = new Set<string>(); // kind:slug of the entities the file names
  for (const entry of entries) {
    if (entry.kind === 'legislation') {
      notImported.push({
        line: entry.line,
        name: entry.name,
        reason: 'legislation: the graph has no type for laws',
      });
      continue;
    }
    const sameAs = sameAsOf(entry, decisions);
    const matches = sameAs
      ? graph[sameAs.kind]
          .filter((e) => e.slug === sameAs.slug)
          .map((e) => ({ kind: sameAs.kind, slug: e.slug }))
      : findCompanionMatches(entry, graph);
    if (sameAs && matches.length === 0) {
      notImported.push({
        line: entry.line,
        name: entry.name,
        reason: `same-as.json says it is ${sameAs.kind}:${sameAs.slug}, which the graph lacks`,
      });
      continue;
    }
    if (matches.length > 1) {
      notImported.push({
        line: entry.line,
        name: entry.name,
        reason: `the name is ambiguous: ${matches.map((m) => m.slug).join(', ')}`,
      });
      continue;
    }
    const planned = sourced(entry);
    if (!planned) continue;
    planned.sameAs = sameAs;
    const kind = entry.kind === 'dataset' ? 'datasets' : 'models';
    const key = `${kind}:${nameKey(entry.name)}`;
    if (matches.length === 1) {
      const target = entity(matches[0]);
      seen.add(`${kind}:${target.slug}`);
      statementWrites(planned, target, `${kind}:${target.slug}`, quotesOf);
      continue;
    }
    const earlier = created.get(key);
    if (earlier) {
      // a name the file names twice (a model and its application): a statement on the new entity
      const sector = entry.sector;
      const sectors = earlier.write.input.sectors as string[] | undefined;
      if (sector && sectors && !sectors.includes(toGlobalId('Sector', sector)))
        sectors.push(toGlobalId('Sector', sector));
      if (entry.modelType && earlier.write.input.type === undefined)
        earlier.write.input.type = entry.modelType === 'LAM' ? null : entry.modelType;
      writes.push(
        statement(
          planned,
          toGlobalId(kind === 'models' ? 'Model' : 'Dataset', earlier.slug),
          1, // the proposal's graph holds the new entity at version 1
          `${kind}:${earlier.slug}`,
        ),
      );
      continue;
    }
    const slug = slugOf(entry.name);
    const taken = slug === '' ? 'nothing: the name has no letters or digits' : slugsTaken.get(slug);
    if (taken) {
      notImported.push({
        line: entry.line,
        name: entry.name,
        reason: `its slug "${slug}" is taken by ${taken}`,
      });
      continue;
    }
    const write = createWrite(planned, slug);
    created.set(key, { kind, slug, write });
    slugsTaken.set(slug, `the new entry of line ${entry.line}`);
    writes.push(write);
  }
  for (const c of created.values()) {
    if (c.write.input.type === undefined && c.kind === 'models') c.write.input.type = null;
  }

  // Entries gone: what the list gave the graph and the file no longer names.
  for (const kind of ['models', 'datasets'] as const)
    for (const e of graph[kind]) {
      if (seen.has(`${kind}:${e.slug}`)) continue;
      if (fromList(e.source)) {
        writes.push({
          kind: 'retire',
          mutation: kind === 'models' ? 'retireModel' : 'retireDataset',
          input: {
            id: e.id,
            version: e.version,
            reason: `the companion list at ${commit} no longer names "${e.name}" (its source: ${e.source.url})`,
          },
          target: `${kind}:${e.slug}`,
        });
      } else if (e.statements.some((s) => fromList(s.source)))
        notes.push(
          `${kind}:${e.slug}: the companion list at ${commit} no longer names "${e.name}", which has statements of an earlier version; a statement cannot be retired: review them by hand`,
        );
    }

  return {
    commit,
    retrievedAt,
    entries: entries.length,
    skipped,
    notImported,
    problems: problems.map((p) => ({ line: p.line, reason: p.reason })),
    notes,
    writes,
  };

  function statementWrites(
    planned: Planner,
    target: EntityView,
    label: string,
    quotes: (e: EntityView, field: string | null) => (string | null)[],
  ): void {
    const { entry } = planned;
    if (quotes(target, null).includes(`${planned.external.section as string}\n${planned.quote}`))
      skipped.push({
        line: entry.line,
        name: entry.name,
        reason: `${label} has this entry as a source already`,
      });
    else writes.push(statement(planned, target.id, target.version, label));
    if (entry.kind !== 'dataset' || entry.access === undefined || entry.access === target.access) return;
    const already = target.statements.some(
      (s) => s.field === 'access' && s.value === entry.access && fromList(s.source),
    );
    if (already)
      skipped.push({
        line: entry.line,
        name: entry.name,
        reason: `${label} has the list's access (${entry.access}) as a statement already`,
      });
    else
      writes.push({
        ...statement(planned, target.id, target.version, label),
        kind: 'accessStatement',
        input: {
          entity: target.id,
          version: target.version,
          field: 'access',
          value: entry.access,
          preferred: false,
          source: { external: planned.external },
          reason: `the companion list files it under "${entry.section[entry.section.length - 1]}"; the graph holds ${target.access}`,
        },
      });
  }
}

function statement(planned: Planner, entity: string, version: number, target: string): PlannedWrite {
  return {
    kind: 'statement',
    mutation: 'addStatement',
    input: {
      entity,
      version,
      source: { external: planned.external },
      reason:
        `the companion list names it (line ${planned.entry.line}, ${planned.entry.section.join(' > ')})` +
        (planned.sameAs ? `, as "${planned.entry.name}": ${planned.sameAs.reason}` : ''),
    },
    line: planned.entry.line,
    target,
  };
}

function createWrite(planned: Planner, slug: string): PlannedWrite {
  const { entry } = planned;
  const source = { external: planned.external };
  const reason = `new in the companion list (line ${entry.line}, ${entry.section.join(' > ')})`;
  if (entry.kind === 'dataset')
    return {
      kind: 'createDataset',
      mutation: 'createDataset',
      input: {
        slug,
        name: entry.name,
        scale: entry.description,
        size: { value: null, display: '', bound: 'NOT_REPORTED' },
        access: entry.access,
        source,
        reason,
      },
      line: entry.line,
      target: `datasets:${slug}`,
    };
  const input: Record<string, unknown> = {
    slug,
    name: entry.name,
    parameters: { value: null, display: '', bound: 'NOT_REPORTED' },
    access: 'UNKNOWN',
    sectors: entry.sector ? [toGlobalId('Sector', entry.sector)] : [],
    source,
    reason,
  };
  // an audio model has no type of the graph: null, and its source's section says "Large Audio Models"
  if (entry.modelType) input.type = entry.modelType === 'LAM' ? null : entry.modelType;
  return { kind: 'createModel', mutation: 'createModel', input, line: entry.line, target: `models:${slug}` };
}

/** Parses FILE, reads the graph through the API, and proposes the differences as one proposal. */
export async function importCompanionList(options: ImportOptions): Promise<ImportReport> {
  if (!options.apiKey)
    throw new ImportError(
      'import needs a curator API key: pass --key KEY or set LAM_ATLAS_API_KEY (an admin makes one with lam-atlas keys create --role curator --name NAME)',
    );
  if (!fs.existsSync(options.file)) throw new ImportError(`there is no file ${options.file}`);
  const markdown = fs.readFileSync(options.file, 'utf8');
  const commit = commitOf(options.file, options.commit);
  const retrievedAt = options.retrievedAt ?? new Date().toISOString().slice(0, 10);
  const post = graphqlPoster(options);
  const graph = { models: await readList(post, 'models'), datasets: await readList(post, 'datasets') };
  const { writes, ...plan } = planImport(markdown, graph, commit, retrievedAt, sameAsBeside(options.file));
  const report: ImportReport = {
    file: options.file,
    ...plan,
    proposal: null,
    written: EMPTY_COUNTS(),
    failed: [],
  };
  if (writes.length === 0) return report;
  if (writes.length > MAX_CHANGES)
    throw new ImportError(
      `the file proposes ${writes.length} changes; a proposal holds at most ${MAX_CHANGES}: import a part of it`,
    );

  // the plan is made against the graph, which an open import's changes are not in yet: a second one
  // would propose them again
  const open = // the 50 newest open proposals (the saved operation's page): an import is one of them unless
    // 50 others were opened after it
    (
      await post<{ proposals: { number: number; title: string }[] }>(ProposalsDocument, { status: 'OPEN' })
    ).proposals.find((p) => p.title.startsWith(TITLE_PREFIX));
  if (open)
    throw new ImportError(
      `proposal ${open.number} ("${open.title}") is still open: a reviewer approves or rejects it before the list is imported again`,
    );
  const opened = (
    await post<{ openProposal: ProposalAnswer }>(OpenProposalDocument, {
      input: {
        title: `${TITLE_PREFIX}${commit}: ${writes.length} changes`,
        description: `Imported from ${path.basename(options.file)} (${LIST_REPOSITORY} at ${commit}, read ${retrievedAt}) by lam-atlas import companion-list.`,
      },
    })
  ).openProposal;
  refused(opened, 'openProposal');
  const proposal = opened.proposal!.id;
  for (const write of writes) {
    const data = await post<Record<string, ProposalAnswer>>(WRITES[write.mutation], {
      input: { ...write.input, proposal },
    });
    const answer = data[write.mutation];
    if (answer.userErrors.length === 0) report.written[write.kind]++;
    else
      for (const e of answer.userErrors) {
        if (e.code === 'FORBIDDEN') refused(answer, write.mutation);
        report.failed.push({
          line: write.line,
          target: write.target,
          mutation: write.mutation,
          field: e.field ? e.field.join('.') : null,
          message: e.message,
          code: e.code,
        });
      }
  }
  const held = (
    await post<{ proposal: { id: string; number: number; changes: unknown[] } | null }>(ProposalDocument, {
      id: proposal,
    })
  ).proposal!;
  report.proposal = { id: held.id, number: held.number, changes: held.changes.length };
  return report;
}

/** A proposal the server did not open (or a write it forbids) ends the import. */
function refused(answer: ProposalAnswer, mutation: string): void {
  const forbidden =
    answer.userErrors.find((e) => e.code === 'FORBIDDEN') ??
    (answer.proposal ? undefined : answer.userErrors[0]);
  if (forbidden)
    throw new ImportError(`the server refused ${mutation}: ${forbidden.message} (${forbidden.code})`);
}

const lineList = (items: ReportedLine[]) =>
  items.map((i) => `  line ${i.line}${i.name ? ` (${i.name})` : ''}: ${i.reason}\n`).join('');

/** The report for a person. */
export function formatImportReport(r: ImportReport): string {
  const out: string[] = [];
  out.push(
    `${r.file} (${LIST_TITLE} at ${r.commit}, read ${r.retrievedAt}): ${r.entries} entries, ${r.problems.length} lines not read\n`,
  );
  if (r.proposal) {
    out.push(
      `proposal #${r.proposal.number} (${r.proposal.id}): ${r.proposal.changes} changes, waiting for a reviewer\n`,
    );
    const w = r.written;
    out.push(
      `  ${w.statement} statements, ${w.accessStatement} statements on access, ${w.createModel} new models, ${w.createDataset} new datasets, ${w.retire} retirements\n`,
    );
  } else
    out.push('nothing to propose: the graph holds every entry of the file already; no proposal opened\n');
  out.push(`skipped (already in the graph): ${r.skipped.length}\n`);
  if (r.failed.length)
    out.push(
      `failed (${r.failed.length}):\n` +
        r.failed
          .map(
            (f) =>
              `  ${f.line ? `line ${f.line} ` : ''}${f.mutation} ${f.target}${f.field ? ` ${f.field}` : ''}: ${f.message} (${f.code})\n`,
          )
          .join(''),
    );
  if (r.notImported.length) out.push(`not imported (${r.notImported.length}):\n${lineList(r.notImported)}`);
  if (r.problems.length)
    out.push(`not read, as the list writes them (${r.problems.length}):\n${lineList(r.problems)}`);
  if (r.notes.length) out.push(`notes:\n${r.notes.map((n) => `  ${n}\n`).join('')}`);
  return out.join('');
}
