import { Directive, Field, ObjectType } from 'type-graphql';
import type { SourceRecord } from '../data/schema';

@ObjectType({
  simpleResolvers: true,
  description: 'Where a fact comes from: a place in the paper, or a source outside it (with a url).',
})
@Directive('@shareable')
export class Source {
  @Field({
    description:
      'e.g. Table I, Table II, Section III-A, Section IV; for a source outside the paper, its title and section',
  })
  location: string;

  @Field(() => String, {
    nullable: true,
    description:
      'a short verbatim excerpt of the paper supporting the fact, when there is one (of the source, for one outside the paper)',
  })
  quote: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'the address of a source outside the paper; null for the paper',
  })
  url: string | null;

  @Field(() => String, { nullable: true, description: 'the title of a source outside the paper' })
  title: string | null;

  @Field(() => String, { nullable: true, description: 'when a source outside the paper was read, ISO 8601' })
  retrievedAt: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'the git commit of a source outside the paper, when it is a repository',
  })
  commit: string | null;

  @Field(() => String, { nullable: true, description: 'the section of a source outside the paper it is in' })
  section: string | null;
}

/** What a source outside the paper keeps beside its location and quote, as stored (JSON). */
interface External {
  url: string;
  title: string;
  retrievedAt: string;
  commit?: string;
  section?: string;
}

/** A source in the three columns every entity keeps it in. */
export function sourceColumns(s: SourceRecord): {
  sourceLocation: string;
  sourceQuote: string | null;
  sourceExternal: string | null;
} {
  if (s.url === undefined)
    return { sourceLocation: s.location!, sourceQuote: s.quote ?? null, sourceExternal: null };
  const external: External = { url: s.url, title: s.title!, retrievedAt: s.retrievedAt! };
  if (s.commit) external.commit = s.commit;
  if (s.section) external.section = s.section;
  return {
    sourceLocation: s.section ? `${s.title} > ${s.section}` : s.title!,
    sourceQuote: s.quote ?? null,
    sourceExternal: JSON.stringify(external),
  };
}

/** Entities keep their source in private columns and expose it through this. */
export function sourceOf(row: {
  sourceLocation: string;
  sourceQuote: string | null;
  sourceExternal?: string | null;
}): Source {
  const external = row.sourceExternal ? (JSON.parse(row.sourceExternal) as External) : null;
  return {
    location: row.sourceLocation,
    quote: row.sourceQuote,
    url: external?.url ?? null,
    title: external?.title ?? null,
    retrievedAt: external?.retrievedAt ?? null,
    commit: external?.commit ?? null,
    section: external?.section ?? null,
  };
}
