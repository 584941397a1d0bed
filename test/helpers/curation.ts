import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gatewayHttpServer } from '../../src/app/gateway-setup';
import { closeServer, listen } from '../../src/app/http-server';
import { createInProcessApp } from '../../src/app/in-process';
import type { Config } from '../../src/common/config';
import { toGlobalId } from '../../src/common/global-id';
import { LIST_REPOSITORY } from '../../src/cli/import-companion';
import { ensureStores } from '../../src/data/seed';
import { DATA_DIR } from './app';
import { GraphQLResponse } from './graphql';
import { postGraphQL } from './http';

export { keyOf } from './api-keys';

/** An answer read field by field: the assertions check its values. */
export interface Loose {
  [key: string]: Loose;
}

/** The records of a data/ file as the text of each (two-space JSON: a record opens with "  {" and closes with "  }"). */
export function recordBlocks(text: string): string[] {
  const lines = text.split('\n');
  const blocks: string[] = [];
  let start = -1;
  lines.forEach((line, i) => {
    if (line === '  {') start = i;
    else if (line === '  }' || line === '  },') blocks.push(lines.slice(start, i).concat('  }').join('\n'));
  });
  return blocks;
}

/** The text of a data/ file holding `blocks`, as data/ writes it. */
export const joinBlocks = (blocks: string[]) => `[\n${blocks.join(',\n')}\n]\n`;

export const slugOfBlock = (block: string) => (JSON.parse(block) as { slug: string }).slug;

/** The text of the record `slug` in data/KIND.json of `dir`. */
export function recordText(dir: string, kind: string, slug: string): string {
  const found = recordBlocks(fs.readFileSync(path.join(dir, `${kind}.json`), 'utf8')).find(
    (b) => slugOfBlock(b) === slug,
  );
  if (!found) throw new Error(`no ${slug} in ${dir}/${kind}.json`);
  return found;
}

/** Edits the text of data/KIND.json of `dir` record by record, leaving every other byte as it is. */
export function editBlocks(dir: string, kind: string, edit: (blocks: string[]) => string[]): void {
  const file = path.join(dir, `${kind}.json`);
  const text = fs.readFileSync(file, 'utf8');
  if (joinBlocks(recordBlocks(text)) !== text) throw new Error(`${file} is not laid out as data/ is`);
  fs.writeFileSync(file, joinBlocks(edit(recordBlocks(text))));
}

/** One record's `from` (a JSON value's text, found once in it) replaced by `to`. */
export function replaceInRecord(block: string, from: string, to: string): string {
  if (block.split(from).length !== 2) throw new Error(`"${from}" is not once in ${block}`);
  return block.replace(from, () => to);
}

/** A copy of data/ without the model Sparrow (Section II-A), which curators propose again with the paper's facts. */
export function dataWithoutSparrow(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-data-'));
  fs.cpSync(DATA_DIR, dir, { recursive: true });
  editBlocks(dir, 'models', (blocks) => blocks.filter((b) => slugOfBlock(b) !== 'sparrow'));
  return dir;
}

interface SourcedRecord {
  source?: { url?: string };
  statements?: { field?: string; preferred?: boolean; source: { url?: string } }[];
}

const fromCompanion = (source: { url?: string } | undefined) => !!source?.url?.startsWith(LIST_REPOSITORY);

/**
 * A copy of data/ as the paper alone gives it: without the reviewed import of the companion list (its new
 * models and datasets, and its statements on the paper's), which a test then imports again.
 */
export function paperOnlyData(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-paper-'));
  fs.cpSync(DATA_DIR, dir, { recursive: true });
  for (const kind of ['models', 'datasets'])
    editBlocks(dir, kind, (blocks) =>
      blocks.flatMap((block) => {
        const record = JSON.parse(block) as SourcedRecord;
        if (fromCompanion(record.source)) return [];
        if (!record.statements?.some((s) => fromCompanion(s.source))) return [block];
        const kept = record.statements.filter((s) => !fromCompanion(s.source));
        // the paper's statement that a disagreement added beside the list's: alone, it only repeats the record
        const statements = kept.filter(
          (s) =>
            !s.field ||
            kept.filter((t) => t.field === s.field).length > 1 ||
            JSON.stringify(s.source) !== JSON.stringify(record.source),
        );
        if (statements.length) record.statements = statements;
        else delete record.statements;
        return [JSON.stringify(record, null, 2).replace(/^/gm, '  ')];
      }),
    );
  return dir;
}

/** A record of data/ as it is checked in. */
export function dataRecord(kind: string, slug: string): Record<string, unknown> {
  return JSON.parse(recordText(DATA_DIR, kind, slug)) as Record<string, unknown>;
}

export const CREATE_MODEL = `mutation ($input: CreateModelInput!) {
  createModel(input: $input) { proposal { id number status } change { op slug } userErrors { field message code } }
}`;
export const UPDATE_MODEL = `mutation ($input: UpdateModelInput!) {
  updateModel(input: $input) { proposal { id number status } change { op slug baseVersion } userErrors { field message code } }
}`;
export const APPROVE = `mutation ($input: ReviewProposalInput!) {
  approveProposal(input: $input) { proposal { number status decidedBy } userErrors { field message code } }
}`;
export const REJECT = `mutation ($input: ReviewProposalInput!) {
  rejectProposal(input: $input) { proposal { number status decidedBy } userErrors { field message code } }
}`;

/** Sparrow as Section II-A names it (data/ has it so). */
export const SPARROW_INPUT = {
  slug: 'sparrow',
  name: 'Sparrow',
  type: 'LLM',
  parameters: { value: null, display: '', bound: 'NOT_REPORTED' },
  access: 'UNKNOWN',
  citations: [26],
  source: {
    paper: {
      location: 'Section II-A',
      quote: 'many LLMs, such as InstructGPT [19], Sparrow [26], and ChatGPT [1]',
    },
  },
  notes: dataRecord('models', 'sparrow').notes,
  reason: 'Section II-A names Sparrow among the LLMs',
};

/** A second, related change: InstructGPT's notes name the sentence of Section II-A that lists it beside Sparrow. */
export const INSTRUCTGPT_NOTES =
  'Section II-A lists it first of "many LLMs, such as InstructGPT [19], Sparrow [26], and ChatGPT [1]".';
export const updateInstructGpt = (proposal: string | undefined) => ({
  ...(proposal ? { proposal } : {}),
  id: toGlobalId('Model', 'instructgpt'),
  version: 1,
  notes: INSTRUCTGPT_NOTES,
  source: SPARROW_INPUT.source,
  reason: 'Section II-A names InstructGPT and Sparrow in one sentence',
});

/** A GraphQL request to a running server, with the API key `key` (none: anonymous). */
export async function as(
  server: { url: string },
  key: string | null,
  query: string,
  variables: object = {},
): Promise<GraphQLResponse<Loose>> {
  const res = await postGraphQL<Loose>(
    server,
    { query, variables },
    key ? { authorization: `Bearer ${key}` } : {},
  );
  if (!res.body) throw new Error(`no JSON answer (HTTP ${res.status})`);
  return res.body;
}

/** The data of an answer without errors. */
export async function dataAs(
  server: { url: string },
  key: string | null,
  query: string,
  variables: object = {},
): Promise<Loose> {
  const body = await as(server, key, query, variables);
  if (body.errors?.length || !body.data) throw new Error(`errors: ${JSON.stringify(body)}`);
  return body.data;
}

/**
 * Opens one proposal with two changes (Sparrow created, InstructGPT's notes updated) through the API, as
 * a curator does: the second write names the proposal the first opened. Returns the proposal's id.
 */
export async function proposeSparrowAndInstructGpt(
  server: { url: string },
  curator: string,
): Promise<string> {
  const created = (await dataAs(server, curator, CREATE_MODEL, { input: SPARROW_INPUT })).createModel;
  if (JSON.stringify(created.userErrors) !== '[]') throw new Error(JSON.stringify(created.userErrors));
  const id = created.proposal.id as unknown as string;
  const updated = (await dataAs(server, curator, UPDATE_MODEL, { input: updateInstructGpt(id) })).updateModel;
  if (JSON.stringify(updated.userErrors) !== '[]') throw new Error(JSON.stringify(updated.userErrors));
  return id;
}

/** What the graph and the journal say of the two-change proposal: enough to tell applied from not. */
export const STATE = `query ($proposal: ID!, $sparrow: ID!, $instructgpt: ID!) {
  proposal(id: $proposal) { number status changes { slug seq } }
  sparrow: node(id: $sparrow) { ... on Model { name access citations { number } version history { op seq slug } } }
  instructgpt: node(id: $instructgpt) { ... on Model { notes version history { op seq slug } } }
  changes(since: 0) { seq slug proposalNumber }
  models(first: 1) { totalCount }
}`;

export const stateOf = (server: { url: string }, key: string, proposal: string) =>
  dataAs(server, key, STATE, {
    proposal,
    sparrow: toGlobalId('Model', 'sparrow'),
    instructgpt: toGlobalId('Model', 'instructgpt'),
  });

export interface Serving {
  url: string;
  /** whether the start rebuilt the stores (they were not current) */
  seeded: boolean;
  stop(): Promise<void>;
}

/** Starts as `npm start` does (src/main.ts): the stores rebuilt only when not current, then served on port 0. */
export async function serveLikeMain(config: Config): Promise<Serving> {
  const seeded = (await ensureStores(config)) !== null;
  const app = await createInProcessApp(config);
  const server = gatewayHttpServer(app.gateway, app.health, config);
  const port = await listen(server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    seeded,
    stop: async () => {
      await closeServer(server);
      await app.close();
    },
  };
}
