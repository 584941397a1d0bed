import { registerEnumType } from 'type-graphql';

export enum CitationSortField {
  NUMBER = 'NUMBER',
  MENTION_COUNT = 'MENTION_COUNT',
  SUPPORT_COUNT = 'SUPPORT_COUNT',
}

registerEnumType(CitationSortField, {
  name: 'CitationSortField',
  valuesConfig: {
    NUMBER: { description: 'the reference number' },
    MENTION_COUNT: { description: 'how many sentences of the paper cite it' },
    SUPPORT_COUNT: { description: 'how many entities it supports' },
  },
});
