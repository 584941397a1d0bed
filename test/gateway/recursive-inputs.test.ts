import { buildSchema, getOperationAST, parse } from 'graphql';
import { takesRecursiveInput } from '../../src/gateway/recursive-inputs';

const schema = buildSchema(`
  input Flat { a: Int b: [String!] }
  input Where { AND: [Where!] NOT: Where name: Flat }
  input Outer { inner: Inner }
  input Inner { back: Outer }
  input UsesRecursive { where: Where }
  type Query { f(flat: Flat, where: Where, outer: Outer, uses: UsesRecursive, n: Int): Int }
`);
const takes = (source: string) => takesRecursiveInput(schema, getOperationAST(parse(source))!);

describe('operations the gateway does not compile (graphql-jit cannot coerce recursive inputs)', () => {
  it('finds variables whose input type contains itself, directly or through others', () => {
    expect(takes('query($w: Where) { f(where: $w) }')).toBe(true);
    expect(takes('query($o: [Outer!]!) { f(outer: $o) }')).toBe(true);
    expect(takes('query($u: UsesRecursive) { f(uses: $u) }')).toBe(true);
    // asked after its parts are known: the same answers
    expect(takes('query($w: Where) { f(where: $w) }')).toBe(true);
  });

  it('leaves the others compiled: flat inputs, scalars, literals', () => {
    expect(takes('query($f: Flat, $n: Int) { f(flat: $f, n: $n) }')).toBe(false);
    expect(takes('{ f(where: { NOT: { name: { a: 1 } } }) }')).toBe(false);
  });
});
