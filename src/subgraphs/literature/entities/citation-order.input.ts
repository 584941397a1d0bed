import { Field, InputType } from 'type-graphql';
import { SortDirection } from '../../../common/graph/enums';
import { CitationSortField } from './citation-sort-field.enum';

@InputType({ description: 'ties keep paper order (the reference number)' })
export class CitationOrder {
  @Field(() => CitationSortField)
  field: CitationSortField;

  @Field(() => SortDirection)
  direction: SortDirection;
}
