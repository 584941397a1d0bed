import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { writePayloadOf } from './curation.types';

// The catalog's Proposal and Change as another subgraph answers with them: each its key and the number of
// the proposal, which it shares so that the type has a field besides its key (a gateway merges it then);
// the gateway reads the rest from the catalog.

@ObjectType('Proposal', { simpleResolvers: true })
@Directive('@key(fields: "id", resolvable: false)')
export class ProposalRef {
  @Field(() => ID)
  id: string;

  @Directive('@shareable')
  @Field(() => Int, { description: 'numbered from 1 in the order proposals were opened' })
  number: number;
}

@ObjectType('Change', { simpleResolvers: true })
@Directive('@key(fields: "id", resolvable: false)')
export class ChangeRef {
  @Field(() => ID)
  id: string;

  @Directive('@shareable')
  @Field(() => Int, { description: 'the number of the proposal it is in (proposal(id:) reads it whole)' })
  proposalNumber: number;
}

/** The journal's types a subgraph's writes answer with: its own (the catalog's) or references to them. */
export interface JournalTypes {
  payload: abstract new () => object;
  change: abstract new () => object;
}

/** What the subgraphs other than the catalog answer with. */
export const JOURNAL_REFS: JournalTypes = {
  payload: writePayloadOf(ProposalRef, ChangeRef),
  change: ChangeRef,
};
