import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Database from 'better-sqlite3';
import { Config, SUBGRAPH_NAMES } from '../../src/common/config';
import { CurationJournal, journalTarget } from '../../src/common/curation/journal';
import { ProposalStatus } from '../../src/common/curation/proposal.entity';
import { toGlobalId } from '../../src/common/global-id';
import { seedStores, storesAreCurrent, storesDigestFile } from '../../src/data/seed';
import { DATA_DIR, tempConfig } from '../helpers/app';
import {
  APPROVE,
  dataAs,
  dataRecord,
  slugOfBlock,
  dataWithoutSparrow,
  editBlocks,
  INSTRUCTGPT_NOTES,
  keyOf,
  Loose,
  proposeSparrowAndInstructGpt,
  recordBlocks,
  recordText,
  REJECT,
  replaceInRecord,
  joinBlocks,
  serveLikeMain,
  Serving,
  stateOf,
  UPDATE_MODEL,
  updateInstructGpt,
} from '../helpers/curation';
import { exitOf, runNode, startServerProcess } from '../helpers/process';

const SPARROW = toGlobalId('Model', 'sparrow');
const INSTRUCTGPT = toGlobalId('Model', 'instructgpt');
const INSTRUCTGPT_NOTES_BEFORE = dataRecord('models', 'instructgpt').notes as string;
const LLAMA_NOTES_BEFORE = dataRecord('models', 'llama-2').notes as string;
/** A data/ edit of another record (LLaMa 2's notes), made as a maintainer commits one. */
const LLAMA_NOTES_AFTER = `${LLAMA_NOTES_BEFORE} Section II-A: "LLaMa 2 was pre-trained with 2 trillion tokens [11]".`;

/** The graph and journal with the two-change proposal applied: Sparrow created (seq 1), InstructGPT updated (seq 2). */
function expectApplied(state: Loose, proposalNumber = 1): void {
  expect(state.proposal).toEqual({
    number: proposalNumber,
    status: 'APPROVED',
    changes: [
      { slug: 'sparrow', seq: 1 },
      { slug: 'instructgpt', seq: 2 },
    ],
  });
  expect(state.sparrow).toEqual({
    name: 'Sparrow',
    access: 'UNKNOWN',
    citations: [{ number: 26 }],
    version: 1,
    history: [{ op: 'CREATE', seq: 1, slug: 'sparrow' }],
  });
  expect(state.instructgpt).toEqual({
    notes: INSTRUCTGPT_NOTES,
    version: 2,
    history: [{ op: 'UPDATE', seq: 2, slug: 'instructgpt' }],
  });
  expect(state.changes).toEqual([
    { seq: 1, slug: 'sparrow', proposalNumber },
    { seq: 2, slug: 'instructgpt', proposalNumber },
  ]);
  expect(state.models).toEqual({ totalCount: 182 });
}

/** The graph and journal with the proposal still open: nothing of it applied. */
function expectNothingApplied(state: Loose): void {
  expect(state.proposal).toEqual({
    number: 1,
    status: 'OPEN',
    changes: [
      { slug: 'sparrow', seq: null },
      { slug: 'instructgpt', seq: null },
    ],
  });
  expect(state.sparrow).toBeNull();
  expect(state.instructgpt).toEqual({ notes: INSTRUCTGPT_NOTES_BEFORE, version: 1, history: [] });
  expect(state.changes).toEqual([]);
  expect(state.models).toEqual({ totalCount: 181 });
}

const cli = (config: Config, ...args: string[]) =>
  runNode(['bin/lam-atlas.js', ...args], { STORE_DIR: config.storeDir, DATA_DIR: config.dataDir });

/** Every file under `dir`, relative to it, sorted. */
function filesUnder(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .sort();
}

describe('a curated change is never lost', () => {
  const dataDir = dataWithoutSparrow();
  const config = tempConfig({ DATA_DIR: dataDir });
  let server: Serving | null = null;
  let curator: string;
  let reviewer: string;
  let proposal: string;
  let appliedState: Loose;
  const restart = async () => {
    await server?.stop();
    server = await serveLikeMain(config);
    return server;
  };

  beforeAll(async () => {
    server = await serveLikeMain(config);
    curator = await keyOf(config, 'alice', 'curator');
    reviewer = await keyOf(config, 'rita', 'reviewer');
  });
  afterAll(() => server?.stop());

  it('survives a restart: the change, its version and its history are there', async () => {
    proposal = await proposeSparrowAndInstructGpt(server!, curator);
    expectNothingApplied(await stateOf(server!, curator, proposal));
    const approved = (await dataAs(server!, reviewer, APPROVE, { input: { proposal, body: 'Section II-A' } }))
      .approveProposal;
    expect(approved).toEqual({
      proposal: { number: 1, status: 'APPROVED', decidedBy: 'rita' },
      userErrors: [],
    });
    appliedState = await stateOf(server!, curator, proposal);
    expectApplied(appliedState);

    const again = await restart();
    // the approval rebuilt the stores with the journal's head: the restart finds them current
    expect(again.seeded).toBe(false);
    expect(await stateOf(again, curator, proposal)).toEqual(appliedState);
  });

  it('survives `lam-atlas seed` (npm run seed): the rebuild replays the journal', async () => {
    await server!.stop();
    server = null;
    const seeded = await cli(config, 'seed');
    expect(seeded.stderr).toBe('');
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/^seeded 3 stores from data\/ .*: .*182 models/);
    expect(fs.readFileSync(storesDigestFile(config), 'utf8')).toMatch(/^[0-9a-f]{64} journal 2\n$/);
    // and seedStores itself, as an approval and `npm start` call it
    await seedStores(config);
    const again = await restart();
    expect(again.seeded).toBe(false);
    expect(await stateOf(again, curator, proposal)).toEqual(appliedState);
  });

  it('survives a change of data/: the next start rebuilds with the data/ edit and the curated change', async () => {
    await server!.stop();
    server = null;
    editBlocks(dataDir, 'models', (blocks) =>
      blocks.map((b) =>
        slugOfBlock(b) === 'llama-2'
          ? replaceInRecord(b, JSON.stringify(LLAMA_NOTES_BEFORE), JSON.stringify(LLAMA_NOTES_AFTER))
          : b,
      ),
    );
    expect(await storesAreCurrent(config)).toBe(false);
    const again = await restart();
    expect(again.seeded).toBe(true);
    expect(await stateOf(again, curator, proposal)).toEqual(appliedState);
    const llama = await dataAs(again, null, `{ model(slug: "llama-2") { notes version history { seq } } }`);
    expect(llama.model).toEqual({ notes: LLAMA_NOTES_AFTER, version: 1, history: [] });
  });

  it('applies nothing of a rejected proposal, and refuses to approve it afterwards', async () => {
    const opened = (
      await dataAs(server!, curator, UPDATE_MODEL, {
        input: { ...updateInstructGpt(undefined), version: 2, notes: 'Not what Section II-A says.' },
      })
    ).updateModel;
    expect(opened.userErrors).toEqual([]);
    const rejected = (
      await dataAs(server!, reviewer, REJECT, { input: { proposal: opened.proposal.id, body: 'no source' } })
    ).rejectProposal;
    expect(rejected).toEqual({
      proposal: { number: 2, status: 'REJECTED', decidedBy: 'rita' },
      userErrors: [],
    });
    expect(await stateOf(server!, curator, proposal)).toEqual(appliedState);
    const late = (
      await dataAs(server!, reviewer, APPROVE, { input: { proposal: opened.proposal.id, body: 'after all' } })
    ).approveProposal;
    expect(late).toEqual({
      proposal: { number: 2, status: 'REJECTED', decidedBy: 'rita' },
      userErrors: [{ field: ['input', 'proposal'], message: 'it is REJECTED already', code: 'CONFLICT' }],
    });
    expect(await stateOf(server!, curator, proposal)).toEqual(appliedState);
  });

  it('refuses a second approval of an approved proposal, and applies nothing twice', async () => {
    const second = (await dataAs(server!, reviewer, APPROVE, { input: { proposal, body: 'once more' } }))
      .approveProposal;
    expect(second).toEqual({
      proposal: { number: 1, status: 'APPROVED', decidedBy: 'rita' },
      userErrors: [{ field: ['input', 'proposal'], message: 'it is APPROVED already', code: 'CONFLICT' }],
    });
    expect(await stateOf(server!, curator, proposal)).toEqual(appliedState);

    // two reviewers approving one proposal at once: one approval applies it, the other is refused
    const other = await keyOf(config, 'rob', 'reviewer');
    const opened = (
      await dataAs(server!, curator, UPDATE_MODEL, {
        input: {
          ...updateInstructGpt(undefined),
          version: 2,
          notes: `${INSTRUCTGPT_NOTES} Also Section III-D.`,
        },
      })
    ).updateModel;
    expect(opened.userErrors).toEqual([]);
    const both = await Promise.all(
      [reviewer, other].map(
        async (key) =>
          (await dataAs(server!, key, APPROVE, { input: { proposal: opened.proposal.id, body: 'ok' } }))
            .approveProposal,
      ),
    );
    expect(both.map((b) => b.userErrors.length).sort()).toEqual([0, 1]);
    expect(both.flatMap((b) => b.userErrors)).toEqual([
      { field: ['input', 'proposal'], message: 'it is APPROVED already', code: 'CONFLICT' },
    ]);
    const changes = (await dataAs(server!, null, '{ changes(since: 0) { seq slug proposalNumber } }'))
      .changes;
    expect(changes).toEqual([
      { seq: 1, slug: 'sparrow', proposalNumber: 1 },
      { seq: 2, slug: 'instructgpt', proposalNumber: 1 },
      { seq: 3, slug: 'instructgpt', proposalNumber: 3 },
    ]);
    const instructgpt = await dataAs(
      server!,
      null,
      `{ node(id: "${INSTRUCTGPT}") { ... on Model { version } } }`,
    );
    expect(instructgpt.node).toEqual({ version: 3 });
  });

  it('round-trips through git: `export --data` differs from data/ by exactly the curated records, and seeding it gives the same graph', async () => {
    await server!.stop();
    server = null;
    const exported = fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-export-'));
    const run = await cli(config, 'export', '--data', exported);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    // every data file is written, and every one but models.json is byte for byte that of the data dir
    const dataFiles = filesUnder(dataDir);
    expect(filesUnder(exported)).toEqual(dataFiles);
    for (const f of dataFiles.filter((f) => f !== 'models.json'))
      expect([f, fs.readFileSync(path.join(exported, f))]).toEqual([
        f,
        fs.readFileSync(path.join(dataDir, f)),
      ]);
    // models.json is the data dir's with the curated changes: InstructGPT's notes (as proposal 3 left them),
    // and Sparrow, created after the others, exactly as data/ has it
    const notesNow = `${INSTRUCTGPT_NOTES} Also Section III-D.`;
    const expected = joinBlocks([
      ...recordBlocks(fs.readFileSync(path.join(dataDir, 'models.json'), 'utf8')).map((b) =>
        slugOfBlock(b) === 'instructgpt'
          ? replaceInRecord(b, JSON.stringify(INSTRUCTGPT_NOTES_BEFORE), JSON.stringify(notesNow))
          : b,
      ),
      recordText(DATA_DIR, 'models', 'sparrow'),
    ]);
    const exportedModels = fs.readFileSync(path.join(exported, 'models.json'), 'utf8');
    expect(exportedModels).toBe(expected);

    // seeded with a fresh journal: the same graph, with the changes as data/ facts (version 1, no history)
    const fresh = tempConfig({ DATA_DIR: exported });
    await seedStores(fresh);
    const again = fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-export-'));
    expect((await cli(fresh, 'export', '--data', again)).code).toBe(0);
    for (const f of filesUnder(exported))
      expect([f, fs.readFileSync(path.join(again, f))]).toEqual([f, fs.readFileSync(path.join(exported, f))]);
    const freshServer = await serveLikeMain(fresh);
    try {
      expect(freshServer.seeded).toBe(false);
      const state = await dataAs(
        freshServer,
        null,
        `query ($s: ID!, $i: ID!) { s: node(id: $s) { ... on Model { name version history { seq } } }
          i: node(id: $i) { ... on Model { notes version } } models(first: 1) { totalCount } }`,
        { s: SPARROW, i: INSTRUCTGPT },
      );
      expect(state).toEqual({
        s: { name: 'Sparrow', version: 1, history: [] },
        i: { notes: notesNow, version: 1 },
        models: { totalCount: 182 },
      });
    } finally {
      await freshServer.stop();
    }

    // seeded with the same journal, whose changes the export holds already: replaying them changes nothing
    const sameJournal = tempConfig({ DATA_DIR: exported });
    for (const f of fs.readdirSync(config.storeDir).filter((f) => f.startsWith('curation.sqlite')))
      fs.copyFileSync(path.join(config.storeDir, f), path.join(sameJournal.storeDir, f));
    await seedStores(sameJournal);
    const third = fs.mkdtempSync(path.join(os.tmpdir(), 'lam-atlas-export-'));
    expect((await cli(sameJournal, 'export', '--data', third)).code).toBe(0);
    for (const f of filesUnder(exported))
      expect([f, fs.readFileSync(path.join(third, f))]).toEqual([f, fs.readFileSync(path.join(exported, f))]);
    const sameServer = await serveLikeMain(sameJournal);
    try {
      expect(sameServer.seeded).toBe(false);
      const read = await dataAs(
        sameServer,
        null,
        `query ($s: ID!, $i: ID!) { s: node(id: $s) { ... on Model { version history { seq } } }
          i: node(id: $i) { ... on Model { notes version history { seq } } } models(first: 1) { totalCount } }`,
        { s: SPARROW, i: INSTRUCTGPT },
      );
      expect(read).toEqual({
        s: { version: 1, history: [{ seq: 1 }] },
        i: { notes: notesNow, version: 3, history: [{ seq: 2 }, { seq: 3 }] },
        models: { totalCount: 182 },
      });
    } finally {
      await sameServer.stop();
    }
  });
});

const startMain = (config: Config) =>
  startServerProcess(['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    STORE_DIR: config.storeDir,
    DATA_DIR: config.dataDir,
  });

/** The temporary files of store builds under STORE_DIR (`catalog.sqlite.<pid>.tmp`). */
const buildFiles = (storeDir: string) =>
  fs.readdirSync(storeDir).filter((f) => /\.sqlite\.\d+\.tmp$/.test(f));

/** Polls `done` every millisecond, for at most a minute. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 60_000 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 1));
}

interface KillContext {
  storeDir: string;
  /** the status of proposal 1 as the journal has it (read beside the server, as another process does) */
  status: () => string | undefined;
  /** whether the approval's answer came */
  answered: () => boolean;
  answer: Promise<unknown>;
}

/** When to SIGKILL the server after sending the approval: from before the journal commit to after the answer. */
const KILL_POINTS: [string, (c: KillContext) => Promise<void>, 'open' | 'mid-rebuild' | 'done' | 'any'][] = [
  ['as the approval is sent', () => Promise.resolve(), 'any'],
  ['once the journal has committed it', (c) => until(() => c.status() === 'APPROVED' || c.answered()), 'any'],
  [
    `while the first store (${SUBGRAPH_NAMES[0]}) is built`,
    (c) =>
      until(() => buildFiles(c.storeDir).some((f) => f.startsWith(`${SUBGRAPH_NAMES[0]}.`)) || c.answered()),
    'mid-rebuild',
  ],
  [
    `while the last store (${SUBGRAPH_NAMES[SUBGRAPH_NAMES.length - 1]}) is built`,
    (c) =>
      until(
        () =>
          buildFiles(c.storeDir).some((f) => f.startsWith(`${SUBGRAPH_NAMES[SUBGRAPH_NAMES.length - 1]}.`)) ||
          c.answered(),
      ),
    'mid-rebuild',
  ],
  ['30 ms after sending it', () => new Promise((resolve) => setTimeout(resolve, 30)), 'any'],
  ['300 ms after sending it', () => new Promise((resolve) => setTimeout(resolve, 300)), 'any'],
  ['1 s after sending it', () => new Promise((resolve) => setTimeout(resolve, 1000)), 'any'],
  ['once it was answered', (c) => c.answer.then(() => undefined), 'done'],
];

describe('a server killed (SIGKILL) while it applies an approval', () => {
  let template: Config;
  let curator: string;
  let reviewer: string;
  const landed: { at: string; outcome: string }[] = [];

  beforeAll(async () => {
    template = tempConfig({ DATA_DIR: dataWithoutSparrow() });
    await seedStores(template);
    curator = await keyOf(template, 'alice', 'curator');
    reviewer = await keyOf(template, 'rita', 'reviewer');
  });
  afterAll(() => {
    // which state each kill left the store in before the restart (read when a test fails)
    if (landed.length > 0) console.log(landed.map((l) => `${l.at}: ${l.outcome}`).join('\n'));
  });

  it.each(KILL_POINTS)(
    'killed %s: after a restart the proposal is applied whole or not at all',
    async (at, when, expected) => {
      const config = tempConfig({ DATA_DIR: template.dataDir });
      fs.cpSync(template.storeDir, config.storeDir, { recursive: true });
      const first = await startMain(config);
      const proposal = await proposeSparrowAndInstructGpt(first, curator);
      const journalFile = path.join(config.storeDir, 'curation.sqlite');
      const reader = new Database(journalFile, { readonly: true, fileMustExist: true });
      const statusOf = reader.prepare('SELECT status FROM curation_proposals WHERE number = 1').pluck();
      let answered = false;
      const answer = dataAs(first, reviewer, APPROVE, { input: { proposal, body: 'Section II-A' } }).finally(
        () => (answered = true),
      );
      answer.catch(() => undefined); // the kill may cut it off
      const context: KillContext = {
        storeDir: config.storeDir,
        status: () => statusOf.get() as string | undefined,
        answered: () => answered,
        answer,
      };
      await when(context);
      const exited = exitOf(first.child);
      first.child.kill('SIGKILL');
      await exited;
      reader.close();

      // the journal, read after the crash: the proposal is approved with both changes applied, or open with none
      const journal = await CurationJournal.open(journalTarget(config));
      const status = (await journal.proposal(1))?.status;
      const applied = (await journal.applied()).map((c) => [c.seq, c.slug, c.proposalNumber]);
      await journal.close();
      if (status === ProposalStatus.APPROVED)
        expect(applied).toEqual([
          [1, 'sparrow', 1],
          [2, 'instructgpt', 1],
        ]);
      else {
        expect(status).toBe(ProposalStatus.OPEN);
        expect(applied).toEqual([]);
      }
      const current = await storesAreCurrent(config);
      const outcome = status === ProposalStatus.OPEN ? 'open' : current ? 'done' : 'mid-rebuild';
      landed.push({ at, outcome: `${outcome} (left ${buildFiles(config.storeDir).length} build files)` });
      if (expected !== 'any') expect(outcome).toBe(expected);

      // npm start again: the stores are rebuilt when they lag the journal, and agree with it
      const second = await startMain(config);
      try {
        expect(/built the stores from data\//.test(second.output())).toBe(outcome === 'mid-rebuild');
        const state = await stateOf(second, curator, proposal);
        if (outcome === 'open') {
          expectNothingApplied(state);
          // still open and whole: it can be approved now
          const approved = (await dataAs(second, reviewer, APPROVE, { input: { proposal, body: 'again' } }))
            .approveProposal;
          expect(approved.userErrors).toEqual([]);
          expectApplied(await stateOf(second, curator, proposal));
        } else expectApplied(state);
        expect(buildFiles(config.storeDir)).toEqual([]);
        expect(await storesAreCurrent(config)).toBe(true);
      } finally {
        const stopped = exitOf(second.child);
        second.child.kill('SIGTERM');
        expect(await stopped).toBe(0);
      }
    },
    180_000,
  );
});

describe('readers while an approval rebuilds and swaps the stores', () => {
  let server: Serving;
  let config: Config;
  beforeAll(async () => {
    config = tempConfig({ DATA_DIR: dataWithoutSparrow() });
    server = await serveLikeMain(config);
  });
  afterAll(() => server?.stop());

  it('answer every request without errors, from the graph before the approval or after it', async () => {
    const curator = await keyOf(config, 'alice', 'curator');
    const reviewer = await keyOf(config, 'rita', 'reviewer');
    const proposal = await proposeSparrowAndInstructGpt(server, curator);
    const READ = `{ models(first: 5, where: { slug: { in: ["instructgpt", "sparrow"] } }) { nodes { slug } } all: models(first: 1) { totalCount }
      search(query: "Sparrow", first: 5) { __typename ... on Model { slug } }
      model(slug: "instructgpt") { notes } }`;
    let approving = true;
    const answers: Loose[] = [];
    const reader = async () => {
      while (approving) answers.push(await dataAs(server, null, READ));
      answers.push(await dataAs(server, null, READ));
    };
    const readers = [reader(), reader(), reader()];
    const approved = (await dataAs(server, reviewer, APPROVE, { input: { proposal, body: 'ok' } }))
      .approveProposal;
    approving = false;
    await Promise.all(readers);
    expect(approved.userErrors).toEqual([]);
    for (const a of answers) {
      const slugs = (a.models.nodes as unknown as { slug: string }[]).map((n) => n.slug);
      // one store answers models and instructgpt: both from before the approval or both from after it
      expect([a.all.totalCount, slugs.includes('sparrow'), a.model.notes]).toEqual(
        (a.all.totalCount as unknown as number) === 182
          ? [182, true, INSTRUCTGPT_NOTES]
          : [181, false, INSTRUCTGPT_NOTES_BEFORE],
      );
    }
    const last = answers[answers.length - 1];
    expect(last.all.totalCount).toBe(182);
    expect(last.search).toEqual(expect.arrayContaining([{ __typename: 'Model', slug: 'sparrow' }]));
  });
});

describe('two rebuilds at once (an approval beside `npm run seed`, subgraph services starting together)', () => {
  it('leaves the build of another running process alone, and removes that of a dead one', async () => {
    const config = tempConfig({ DATA_DIR: dataWithoutSparrow() });
    await seedStores(config);
    const file = `${SUBGRAPH_NAMES[0]}.sqlite`;
    // the parent of this process runs; a pid above the kernel's largest (4194304) never does
    const running = path.join(config.storeDir, `${file}.${process.ppid}.tmp`);
    const dead = path.join(config.storeDir, `${file}.4194305.tmp`);
    fs.writeFileSync(running, 'a build under way');
    fs.writeFileSync(dead, 'left by a crash');
    await seedStores(config);
    expect(buildFiles(config.storeDir)).toEqual([path.basename(running)]);
    expect(await storesAreCurrent(config)).toBe(true);
  });
});
