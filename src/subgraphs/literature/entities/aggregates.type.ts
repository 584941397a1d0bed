import { registerEnumType } from 'type-graphql';
import { aggregateType } from '../../../common/aggregate.type';
import { LITERATURE_LIST_SIZES as SIZES } from '../list-sizes';

export enum CitationGroupField {
  SECTION = 'SECTION',
}

registerEnumType(CitationGroupField, {
  name: 'CitationGroupField',
  valuesConfig: {
    SECTION: { description: 'the sections a reference is mentioned in, e.g. "Section III-D"' },
  },
});

export const CitationAggregate = aggregateType('Citation', {
  groupField: CitationGroupField,
  groups: { SECTION: { values: 'section' } },
  groupsSize: SIZES.citationGroups,
});
