// Jest's asymmetric matchers, typed as the opaque values they are. @types/jest declares them as
// returning `any`, so a matcher inside an expected object or array would make that whole literal
// `any` to the type checker (and to no-unsafe-assignment); these are the same matchers as `unknown`.
// Use them inside expected literals; `expect(x).toEqual(expect.arrayContaining(...))` needs none.

export const objectContaining = (sample: object): unknown => expect.objectContaining(sample);
export const arrayContaining = (sample: readonly unknown[]): unknown => expect.arrayContaining(sample);
export const stringMatching = (pattern: string | RegExp): unknown => expect.stringMatching(pattern);
export const stringContaining = (part: string): unknown => expect.stringContaining(part);
export const anyOf = (type: unknown): unknown => expect.any(type);
