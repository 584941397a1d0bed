import { Field, InputType } from 'type-graphql';
import { connectionTypes } from '../../../common/paging';
import { CitationAggregate } from './aggregates.type';
import { Citation } from './citation.entity';

export const { Connection: CitationConnection } = connectionTypes(Citation, 'Citation', CitationAggregate);

@InputType()
export class CitationFilter {
  @Field(() => Boolean, { nullable: true, description: 'only references that support at least one entity' })
  supportsSomething?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: 'only references cited in this section, e.g. "III-A" or "Section III-A"',
  })
  section?: string | null;
}
