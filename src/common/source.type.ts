import { Directive, Field, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'Where in the paper a fact comes from.' })
@Directive('@shareable')
export class Source {
  @Field({ description: 'e.g. Table I, Table II, Section III-A, Section IV' })
  location: string;

  @Field(() => String, {
    nullable: true,
    description: 'a short verbatim excerpt of the paper supporting the fact, when there is one',
  })
  quote: string | null;
}

/** Entities keep their source in two private columns and expose it through this. */
export function sourceOf(row: { sourceLocation: string; sourceQuote: string | null }): Source {
  return { location: row.sourceLocation, quote: row.sourceQuote };
}
