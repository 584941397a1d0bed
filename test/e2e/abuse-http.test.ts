import { AbuseCase, chunked, describeAbuse, get, method, raw } from '../helpers/abuse';
import { timedFetch } from '../helpers/http';

/** The GraphQL-over-HTTP transport: what a body, a content type or a method may be. */
const CASES: AbuseCase[] = [
  // bodies
  {
    name: 'oversized body',
    send: raw(JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(200_000) } })),
    status: 413,
    error: 'REQUEST_TOO_LARGE',
  },
  { name: 'body without Content-Length', send: chunked, status: 411, error: 'LENGTH_REQUIRED' },
  {
    name: 'empty body',
    send: raw(''),
    status: 400,
    error: 'BAD_REQUEST',
    message: /POST body sent invalid JSON\./,
  },
  // invalid JSON
  {
    name: 'truncated JSON',
    send: raw('{"query": '),
    status: 400,
    error: 'BAD_REQUEST',
    message: /POST body sent invalid JSON\./,
  },
  {
    name: 'JSON null',
    send: raw('null'),
    status: 400,
    error: 'BAD_REQUEST',
    message: /POST body is expected to be object but received null/,
  },
  {
    name: 'JSON string',
    send: raw('"{ __typename }"'),
    status: 400,
    error: 'BAD_REQUEST',
    message: /POST body is expected to be object but received string/,
  },
  {
    name: 'JSON number',
    send: raw('42'),
    status: 400,
    error: 'BAD_REQUEST',
    message: /POST body is expected to be object but received number/,
  },
  {
    name: 'query is a number',
    send: raw('{"query": 42}'),
    status: 400,
    error: 'BAD_REQUEST',
    message: /Expected "query" param to be a string, but given number\./,
  },
  {
    name: 'query is null',
    send: raw('{"query": null}'),
    status: 200,
    error: 'BAD_REQUEST',
    message: /Must provide query string\./,
  },
  {
    name: 'no query',
    send: raw('{}'),
    status: 200,
    error: 'BAD_REQUEST',
    message: /Must provide query string\./,
  },
  {
    name: 'variables not an object',
    send: raw('{"query": "{ __typename }", "variables": "x"}'),
    status: 400,
    error: 'BAD_REQUEST',
    message: /Expected "variables" param to be empty or an object, but given string\./,
  },
  {
    name: 'variables an array',
    send: raw('{"query": "{ __typename }", "variables": [1, 2]}'),
    status: 400,
    error: 'BAD_REQUEST',
    message: /Expected "variables" param to be empty or an object, but given array\./,
  },
  {
    name: 'JSON nested 20000 deep',
    send: raw(`{"query": "{ __typename }", "variables": {"x": ${'['.repeat(20_000)}${']'.repeat(20_000)}}}`),
    status: 200,
    data: { __typename: 'Query' },
  },
  {
    name: 'trailing garbage',
    send: raw('{"query": "{ __typename }"} trailing'),
    status: 400,
    error: 'BAD_REQUEST',
    message: /POST body sent invalid JSON\./,
  },
  {
    name: 'byte order mark',
    send: raw('\ufeff{"query": "{ __typename }"}'),
    status: 400,
    error: 'BAD_REQUEST',
    message: /POST body sent invalid JSON/,
  },
  // content types
  { name: 'text/plain', send: raw(JSON.stringify({ query: '{ __typename }' }), 'text/plain'), status: 415 },
  { name: 'application/xml', send: raw('<query>{ __typename }</query>', 'application/xml'), status: 415 },
  {
    name: 'form-urlencoded',
    send: raw('query=%7B__typename%7D', 'application/x-www-form-urlencoded'),
    status: 200,
    data: { __typename: 'Query' },
  },
  {
    name: 'multipart',
    send: raw(
      '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ __typename }"}\r\n--x--',
      'multipart/form-data; boundary=x',
    ),
    status: 415,
  },
  {
    name: 'application/graphql',
    send: raw('{ __typename }', 'application/graphql'),
    status: 200,
    data: { __typename: 'Query' },
  },
  {
    name: 'no content type',
    send: (s) =>
      timedFetch(`${s.url}/graphql`, {
        method: 'POST',
        body: new Uint8Array(Buffer.from('{"query":"{ __typename }"}')),
      }),
    status: 415,
  },
  // methods
  {
    name: 'GET with a mutation',
    send: get({ query: 'mutation { deleteEverything }' }),
    status: 405,
    error: 'BAD_REQUEST',
    message: /Can only perform a mutation operation from a POST request\./,
  },
  {
    name: 'GET with a subscription',
    send: get({ query: 'subscription { onRisk { name } }' }),
    status: 200,
    error: /Schema is not configured to execute subscription operation\./,
  },
  {
    name: 'GET without a query',
    send: get({}),
    status: 200,
    error: 'BAD_REQUEST',
    message: /Must provide query string\./,
  },
  {
    name: 'GET with a huge URL',
    send: get({ query: `{ search(query: "${'q'.repeat(20_000)}") { __typename } }` }),
    status: 431,
  },
  {
    name: 'PUT',
    send: method('PUT'),
    status: 405,
    error: 'BAD_REQUEST',
    message: /GraphQL only supports GET and POST requests\./,
  },
  {
    name: 'DELETE',
    send: method('DELETE'),
    status: 405,
    error: 'BAD_REQUEST',
    message: /GraphQL only supports GET and POST requests\./,
  },
  // batching
  {
    name: 'batch of 2',
    send: raw(JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }])),
    status: 400,
    error: 'BAD_REQUEST',
    message: /Batching is not supported\./,
  },
  {
    name: 'batch of 1000',
    send: raw(JSON.stringify(Array.from({ length: 1000 }, () => ({ query: '{ risks { name } }' })))),
    status: 400,
    error: 'BAD_REQUEST',
    message: /Batching is not supported\./,
  },
  {
    name: 'empty batch',
    send: raw('[]'),
    status: 400,
    error: 'BAD_REQUEST',
    message: /Batching is not supported\./,
  },
];

describeAbuse('abusive HTTP requests: bodies, JSON, content types, methods and batching', CASES);
