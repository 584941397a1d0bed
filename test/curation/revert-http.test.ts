import { createAtlasClient } from '../../src/client';
import type { Config } from '../../src/common/config';
import { toGlobalId } from '../../src/common/global-id';
import { keyOf } from '../helpers/api-keys';
import { tempConfig } from '../helpers/app';
import {
  APPROVE,
  as,
  CREATE_MODEL,
  dataAs,
  dataRecord,
  INSTRUCTGPT_NOTES,
  Loose,
  UPDATE_MODEL,
  updateInstructGpt,
} from '../helpers/curation';
import { RunningServer, startOneProcess } from '../helpers/http';

const REVERT = `mutation ($input: RevertChangeInput!) {
  revertChange(input: $input) { proposal { id number title status } change { op slug baseVersion }
    reverted { seq op slug } userErrors { field message code } }
}`;
const MODEL = `query ($slug: String!) { model(slug: $slug) { notes version history { id seq op proposalNumber } } }`;

const ORIGINAL_NOTES = dataRecord('models', 'instructgpt').notes;

describe('revertChange: undoing an applied change is a reviewed change', () => {
  let server: RunningServer & { config: Config };
  let curator: string;
  let reviewer: string;
  let reader: string;
  const model = async (slug: string) => (await dataAs(server, null, MODEL, { slug })).model;
  const revert = async (key: string | null, input: object) => await as(server, key, REVERT, { input });
  const approve = async (proposal: unknown) =>
    (await dataAs(server, reviewer, APPROVE, { input: { proposal, body: 'checked' } })).approveProposal;

  beforeAll(async () => {
    server = await startOneProcess(tempConfig());
    curator = await keyOf(server.config, 'alice', 'curator');
    reviewer = await keyOf(server.config, 'rita', 'reviewer');
    reader = await keyOf(server.config, 'rob', 'reader');
    const updated = (await dataAs(server, curator, UPDATE_MODEL, { input: updateInstructGpt(undefined) }))
      .updateModel;
    expect((await approve(updated.proposal.id)).userErrors).toEqual([]);
  });
  afterAll(() => server?.stop());

  it('refuses a caller without a curator key, and records nothing', async () => {
    const change = (await model('instructgpt')).history[0 as unknown as string].id;
    const anonymous = await revert(null, { change });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const read = await revert(reader, { change });
    expect(read.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await dataAs(server, reviewer, '{ proposals(status: OPEN) { id } }')).proposals).toEqual([]);
  });

  it('proposes the entity as the change found it; once approved, the update is undone, in the history too', async () => {
    const before = await model('instructgpt');
    expect([before.notes, before.version]).toEqual([INSTRUCTGPT_NOTES, 2]);
    const change = before.history[0 as unknown as string];
    const answer = (await revert(curator, { change: change.id, reason: 'the note was better before' })).data!
      .revertChange;
    expect(answer).toEqual({
      proposal: {
        id: expect.any(String) as unknown,
        number: 2,
        title: 'Revert change 1 (update model instructgpt)',
        status: 'OPEN',
      },
      change: { op: 'UPDATE', slug: 'instructgpt', baseVersion: 2 },
      reverted: { seq: 1, op: 'UPDATE', slug: 'instructgpt' },
      userErrors: [],
    });
    expect((await model('instructgpt')).notes).toBe(INSTRUCTGPT_NOTES); // nothing changes before approval
    expect((await approve(answer.proposal.id)).userErrors).toEqual([]);
    const after = await model('instructgpt');
    expect([after.notes, after.version]).toEqual([ORIGINAL_NOTES, 3]);
    expect((after.history as unknown as Loose[]).map((h) => [h.seq, h.op, h.proposalNumber])).toEqual([
      [1, 'UPDATE', 1],
      [2, 'UPDATE', 2],
    ]);
  });

  it('refuses to undo a change the entity has changed after, an unknown change, and one not applied', async () => {
    const [first] = (await model('instructgpt')).history as unknown as Loose[];
    const stale = (await revert(curator, { change: first.id })).data!.revertChange;
    expect(stale.userErrors).toEqual([
      {
        field: ['input', 'change'],
        message: 'the Model changed after change 1: revert its later changes first',
        code: 'CONFLICT',
      },
    ]);
    expect(stale.proposal).toBeNull();
    const unknown = (await revert(curator, { change: toGlobalId('Change', '999') })).data!.revertChange;
    expect(unknown.userErrors).toEqual([
      { field: ['input', 'change'], message: 'there is no such change', code: 'NOT_FOUND' },
    ]);
    const open = (
      await dataAs(server, curator, UPDATE_MODEL, {
        input: { ...updateInstructGpt(undefined), version: 3 },
      })
    ).updateModel;
    const pending = (
      await dataAs(server, reviewer, `query ($id: ID!) { proposal(id: $id) { changes { id } } }`, {
        id: open.proposal.id,
      })
    ).proposal.changes[0 as unknown as string].id;
    const notApplied = (await revert(curator, { change: pending })).data!.revertChange;
    expect(notApplied.userErrors).toEqual([
      {
        field: ['input', 'change'],
        message: 'the change is not applied: its proposal is withdrawn by rejecting it',
        code: 'INVALID',
      },
    ]);
  });

  it('undoes a creation by a retirement, and that retirement by creating the entity again', async () => {
    const input = {
      slug: 'curalm',
      name: 'CuraLM',
      type: 'LLM',
      parameters: { display: '', bound: 'NOT_REPORTED' },
      access: 'UNKNOWN',
      source: {
        external: { url: 'https://example.org/curalm', title: 'CuraLM', retrievedAt: '2026-12-02' },
      },
    };
    const created = (await dataAs(server, curator, CREATE_MODEL, { input })).createModel;
    expect((await approve(created.proposal.id)).userErrors).toEqual([]);
    const creation = (await model('curalm')).history[0 as unknown as string].id;
    const undo = (await revert(curator, { change: creation })).data!.revertChange;
    expect(undo.change).toEqual({ op: 'RETIRE', slug: 'curalm', baseVersion: 1 });
    expect((await approve(undo.proposal.id)).userErrors).toEqual([]);
    expect(await model('curalm')).toBeNull();
    const changes = (await dataAs(server, null, '{ changes(since: 0) { id seq op slug } }'))
      .changes as unknown as Loose[];
    const retirement = changes.find(
      (c) => c.slug === ('curalm' as unknown) && c.op === ('RETIRE' as unknown),
    )!;
    // the typed client's saved operation, as a program sends it
    const client = createAtlasClient(`${server.url}/graphql`, { apiKey: curator });
    const redo = await client.revertChange({ change: retirement.id as unknown as string });
    expect(redo.change).toMatchObject({ op: 'CREATE', slug: 'curalm' });
    expect(redo.reverted).toMatchObject({ op: 'RETIRE', slug: 'curalm' });
    expect((await approve(redo.proposal!.id)).userErrors).toEqual([]);
    expect((await dataAs(server, null, '{ model(slug: "curalm") { name source { url } } }')).model).toEqual({
      name: 'CuraLM',
      source: { url: 'https://example.org/curalm' },
    });
  });
});
