import { aliases, AbuseCase, describeAbuse, fragmentBomb, gql, nest } from '../helpers/abuse';

/** Documents the limits refuse before execution, and invalid ones graphql-js refuses. */
const CASES: AbuseCase[] = [
  // nesting
  { name: 'nesting 13 deep', send: gql(nest(4)), status: 200, error: 'MAX_DEPTH_EXCEEDED' },
  { name: 'nesting 100 deep', send: gql(nest(33)), status: 200, error: 'MAX_DEPTH_EXCEEDED' },
  { name: 'nesting 600 deep', send: gql(nest(200)), status: 200, error: 'MAX_DEPTH_EXCEEDED' },
  {
    name: 'nesting through fragments',
    send: gql(
      `{ sectors { ...S } } fragment S on Sector { tasks { nodes { sector { ...T } } } } fragment T on Sector { tasks { nodes { sector { ...U } } } } fragment U on Sector { tasks { nodes { sector { ...V } } } } fragment V on Sector { tasks { nodes { sector { name } } } }`,
    ),
    status: 200,
    error: 'MAX_DEPTH_EXCEEDED',
  },
  {
    name: 'nesting of 2000 brackets',
    send: gql(`{ ${'sectors { '.repeat(2000)}name${' }'.repeat(2000)} }`),
    status: 200,
    // 6003 tokens: the parser's stack gives out first (MAX_DEPTH_EXCEEDED) or the token limit does,
    // depending on the Node version and on how warm its parser is
    error: /nests too deeply to be read|more than 5000 tokens/,
  },
  {
    name: 'deep introspection',
    send: gql(
      `{ __schema { types { fields { type { ${'ofType { '.repeat(25)}name${' }'.repeat(25)} } } } } }`,
    ),
    status: 200,
    error: 'MAX_DEPTH_EXCEEDED',
  },
  // aliases
  { name: '31 aliases', send: gql(aliases(31)), status: 200, error: 'MAX_ALIASES_EXCEEDED' },
  { name: 'alias bomb of 1500', send: gql(aliases(1500)), status: 200, error: 'MAX_ALIASES_EXCEEDED' },
  {
    name: 'alias bomb of __typename',
    send: gql(`{ ${Array.from({ length: 1000 }, (_, i) => `t${i}: __typename`).join(' ')} }`),
    status: 200,
    error: 'MAX_ALIASES_EXCEEDED',
  },
  {
    name: 'aliased big pages',
    send: gql(
      `{ ${Array.from({ length: 20 }, (_, i) => `m${i}: models(first: 500) { nodes { results { dataset { name } } } }`).join(' ')} }`,
    ),
    status: 200,
    error: 'COST_LIMIT_EXCEEDED',
  },
  {
    name: '21 root fields',
    send: gql(`{ ${Array.from({ length: 21 }, (_, i) => `r${i}: metrics { name }`).join(' ')} }`),
    status: 200,
    error: 'MAX_ROOT_FIELDS_EXCEEDED',
  },
  // fragments
  {
    name: 'fragment bomb on Query',
    send: gql(`{ ...F0 }\n${fragmentBomb(20)}`),
    status: 200,
    error: 'MAX_FIELDS_EXCEEDED',
  },
  {
    name: 'fragment bomb on Model',
    send: gql(
      `{ models(first: 1) { nodes { ...F0 } } }\n${fragmentBomb(30, 'Model', 'name risks { name }')}`,
    ),
    status: 200,
    error: 'MAX_FIELDS_EXCEEDED',
  },
  {
    name: 'fragment bomb of inline fragments',
    send: gql(
      `{ models(first: 1) { nodes { ...F0 } } }\n${Array.from({ length: 16 }, (_, i) => `fragment F${i} on Model { ... on Model { ...F${i + 1} } ... { ...F${i + 1} } }`).join('\n')}\nfragment F16 on Model { name }`,
    ),
    status: 200,
    error: 'MAX_FIELDS_EXCEEDED',
  },
  {
    name: 'circular fragments',
    send: gql(
      `{ models(first: 1) { nodes { ...A } } } fragment A on Model { name ...B } fragment B on Model { slug ...A }`,
    ),
    status: 200,
    error: /Cannot spread fragment "A" within itself/,
  },
  {
    name: 'self-spreading fragment',
    send: gql(`{ risks { ...R } } fragment R on Risk { name ...R }`),
    status: 200,
    error: /within itself/,
  },
  {
    name: 'unknown fragment',
    send: gql(`{ risks { ...Nope } }`),
    status: 200,
    error: /Unknown fragment "Nope"/,
  },
  {
    name: 'fragment on a wrong type',
    send: gql(`{ risks { ...M } } fragment M on Model { name }`),
    status: 200,
    error: /cannot be spread here/,
  },
  // operation names
  {
    name: 'unknown operation name',
    send: gql(`query A { __typename } query B { __typename }`, undefined, 'C'),
    status: 400,
    error: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'several operations, no name',
    send: gql(`query A { __typename } query B { __typename }`),
    status: 400,
    error: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'huge operation name',
    send: gql(`query A { __typename }`, undefined, 'N'.repeat(50_000)),
    status: 400,
    error: 'OPERATION_RESOLUTION_FAILURE',
  },
  {
    name: 'duplicate operation names',
    send: gql(`query A { __typename } query A { __typename }`, undefined, 'A'),
    status: 200,
    error: /There can be only one operation named "A"/,
  },
  // directives and tokens
  {
    name: '21 directives',
    send: gql(`{ sectors { ${Array.from({ length: 21 }, () => 'name @include(if: true)').join(' ')} } }`),
    status: 200,
    error: 'MAX_DIRECTIVES_EXCEEDED',
  },
  {
    name: 'repeated directive',
    send: gql(`{ sectors { name @skip(if: false) @skip(if: false) } }`),
    status: 200,
    error: /can only be used once/,
  },
  {
    name: 'unknown directive',
    send: gql(`{ sectors { name @explode } }`),
    status: 200,
    error: /Unknown directive "@explode"/,
  },
  {
    name: '5001 tokens',
    send: gql(`{ sectors { ${'name '.repeat(5001)} } }`),
    status: 200,
    error: 'MAX_TOKENS_EXCEEDED',
  },
  {
    name: 'subscription',
    send: gql(`subscription { risks { name } }`),
    status: 200,
    error: /Schema is not configured to execute subscription operation\./,
  },
  {
    name: 'a mutation the schema lacks',
    send: gql(`mutation { deleteEverything }`),
    status: 200,
    error: /Cannot query field "deleteEverything" on type "Mutation"\./,
  },
];

describeAbuse(
  'abusive documents over real HTTP: depth, aliases, fragments, operations, directives and tokens',
  CASES,
);
