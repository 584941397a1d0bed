import { GraphQLError } from 'graphql';

/** A client mistake: safe to show as is, never masked. */
export function badInput(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extra } });
}
