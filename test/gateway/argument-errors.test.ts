import { EXECUTIONS, queryInProcess } from '../helpers/app';

describe.each(EXECUTIONS)('an argument that does not coerce (%s execution)', (execution) => {
  const q = queryInProcess(execution);

  it("is the client's error, with its message, not a masked unexpected one", async () => {
    // a variable may be null where its declared type allows it, even with a default; the argument may not
    const res = await q('query($ids: [ID!] = ["a"]) { nodes(ids: $ids) { id } }', { ids: null });
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.map((e) => e.message)).toEqual([
      'Argument "ids" of non-null type "[ID!]!" must not be null.',
    ]);
    expect(res.errors?.[0].extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
  });
});
