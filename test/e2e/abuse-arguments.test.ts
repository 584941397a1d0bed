import { AbuseCase, describeAbuse, gql, raw } from '../helpers/abuse';

/** Arguments and variables that must be refused or answered harmlessly (no error, no data). */
const CASES: AbuseCase[] = [
  // huge lists
  {
    name: 'models(first: 100000)',
    send: gql(`{ models(first: 100000) { nodes { name } } }`),
    status: 200,
    error: 'BAD_USER_INPUT',
    message: /"first" must be at most 500/,
  },
  {
    name: 'models(first: 100000) counted only',
    send: gql(`{ models(first: 100000) { totalCount } }`),
    status: 200,
    error: /"first" must be .*at most 500/,
  },
  {
    name: 'citations(first: 100000)',
    send: gql(`{ citations(first: 100000) { nodes { number } } }`),
    status: 200,
    error: 'BAD_USER_INPUT',
    message: /"first" must be at most 500/,
  },
  {
    name: 'search(first: 100000)',
    send: gql(`{ search(query: "a", first: 100000) { __typename } }`),
    status: 200,
    error: 'BAD_USER_INPUT',
  },
  {
    name: 'first beyond Int',
    send: gql(`{ models(first: 99999999999) { totalCount } }`),
    status: 200,
    error: /Int cannot represent non 32-bit signed integer/,
  },
  {
    name: 'negative first',
    send: gql(`{ models(first: -1) { totalCount } }`),
    status: 200,
    error: 'BAD_USER_INPUT',
  },
  {
    name: 'nested pages multiplied',
    send: gql(
      `{ sectors { models(first: 500) { nodes { trainedOn { usedToTrain(first: 500) { nodes { name } } } } } } }`,
    ),
    status: 200,
    error: 'COST_LIMIT_EXCEEDED',
  },
  {
    name: '600 ids to nodes',
    send: gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: Array.from({ length: 600 }, (_, i) => `id${i}`),
    }),
    status: 200,
    error: 'BAD_USER_INPUT',
  },
  // variables
  {
    name: 'variable of the wrong type',
    send: gql(`query($n: Int!) { citation(number: $n) { label } }`, { n: 'eighty-four' }),
    status: 400,
    error: /Variable "\$n" got invalid value "eighty-four"/,
  },
  {
    name: 'missing required variable',
    send: gql(`query($n: Int!) { citation(number: $n) { label } }`, {}),
    status: 400,
    error: /Variable "\$n" of required type "Int!" was not provided/,
  },
  {
    name: 'null for a non-null variable',
    send: gql(`query($n: Int!) { citation(number: $n) { label } }`, { n: null }),
    status: 400,
    error: /must not be null/,
  },
  {
    name: 'undeclared variable used',
    send: gql(`{ citation(number: $n) { label } }`, { n: 84 }),
    status: 200,
    error: /Variable "\$n" is not defined/,
  },
  {
    name: 'extra variables are ignored',
    send: gql(`query($n: Int!) { citation(number: $n) { label } }`, {
      n: 84,
      extra: 'x'.repeat(1000),
      more: { deep: [1, 2] },
    }),
    status: 200,
    data: { citation: { label: 'ESMfold' } },
  },
  {
    name: 'enum variable with a wrong value',
    send: gql(`query($a: [Access!]) { models(filter: { trainedOnAccess: $a }) { totalCount } }`, {
      a: ['SECRET'],
    }),
    status: 400,
    error: /Value "SECRET" does not exist in "Access" enum/,
  },
  {
    name: 'object where a scalar is expected',
    send: gql(`query($q: String!) { search(query: $q) { __typename } }`, { q: { $ne: null } }),
    status: 400,
    error: /String cannot represent a non string value/,
  },
  // unicode
  {
    name: 'emoji search',
    send: gql(`query($q: String!) { search(query: $q) { __typename } }`, { q: '🧬🩺' }),
    status: 200,
    data: { search: [] },
  },
  {
    name: 'lone surrogate search',
    send: raw(
      '{"query":"query($q: String!) { search(query: $q) { __typename } }","variables":{"q":"\\ud800"}}',
    ),
    status: 200,
    data: { search: [] },
  },
  {
    name: 'lone surrogate in the document',
    send: raw('{"query":"{ model(slug: \\"\\udc00\\") { name } }"}'),
    status: 200,
    error: /Invalid character within String: U\+DC00/,
  },
  {
    name: 'right-to-left search',
    send: gql(`query($q: String!) { search(query: $q) { __typename } }`, { q: '\u202eledom\u202c نموذج' }),
    status: 200,
    data: { search: [] },
  },
  {
    name: 'NUL in a search variable',
    send: gql(`query($q: String!) { search(query: $q) { __typename } }`, { q: 'esm\u0000fold' }),
    status: 200,
    // SQLite would end the pattern at the NUL and match "esm" alone
    error: 'BAD_USER_INPUT',
  },
  {
    name: 'NUL in a string literal',
    send: gql(`{ model(slug: "gpt\\u0000-3") { name } }`),
    status: 200,
    data: { model: null },
  },
  { name: 'raw NUL in the document', send: gql(`{ __typename \u0000 }`), status: 200, error: /Syntax Error/ },
  { name: 'emoji as a field name', send: gql(`{ 🧬 }`), status: 200, error: /Syntax Error/ },
  {
    name: 'combining marks and zero-width joiners',
    send: gql(`query($q: String!) { search(query: $q) { __typename } }`, { q: 'G\u0336P\u200dT\u200b-3' }),
    status: 200,
    data: { search: [] },
  },
  {
    name: 'SQL wildcards in search',
    send: gql(`query($q: String!) { search(query: $q) { __typename } }`, { q: "%_%' OR 1=1 --" }),
    status: 200,
    data: { search: [] },
  },
  // huge strings
  {
    name: '90 kB search string',
    send: gql(`query($q: String!) { search(query: $q) { __typename } }`, { q: 'e'.repeat(90_000) }),
    status: 200,
    error: /"query" must be at most 200 characters/,
  },
  {
    name: '90 kB slug literal',
    send: gql(`{ model(slug: "${'m'.repeat(90_000)}") { name } }`),
    status: 200,
    data: { model: null },
  },
  {
    name: '90 kB of garbage node id',
    send: gql(`query($id: ID!) { node(id: $id) { id } }`, { id: '%'.repeat(90_000) }),
    status: 200,
    data: { node: null },
  },
  {
    name: '500 garbage ids',
    send: gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, {
      ids: Array.from({ length: 500 }, (_, i) => `not-an-id-${i}`),
    }),
    status: 200,
    data: { nodes: Array<null>(500).fill(null) },
  },
];

describeAbuse('abusive arguments over real HTTP: page sizes, variables, unicode and huge strings', CASES);
