import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { listSize } from '../federation';

/** The most userErrors a payload holds: one per field at fault, a record has at most a dozen. */
export const MAX_USER_ERRORS = 50;
import { Bound } from '../graph/enums';
import { Change } from './change.entity';
import { Proposal } from './proposal.entity';

/** A problem with a mutation's input: which field, what is wrong, and a code to branch on. */
@ObjectType({ simpleResolvers: true })
@Directive('@shareable')
export class UserError {
  @Field(() => [String], {
    nullable: true,
    description: 'the path of the input field at fault, e.g. ["input", "parameters", "value"]',
  })
  field: string[] | null;

  @Field()
  message: string;

  @Field({ description: 'INVALID, DUPLICATE, NOT_FOUND, STALE_VERSION, FORBIDDEN, CONFLICT or TOO_LARGE' })
  code: string;
}

@InputType({ description: 'Where in the paper the fact comes from; the quote must be verbatim.' })
export class PaperSourceInput {
  @Field({ description: 'e.g. Table I, Table II, Section III-A' })
  location: string;

  @Field(() => String, {
    nullable: true,
    description: 'a short verbatim excerpt of the paper (at most 400 characters)',
  })
  quote: string | null;
}

@InputType({ description: 'A source outside the paper: a web page, a list, a later paper.' })
export class ExternalSourceInput {
  @Field({ description: 'http(s) URL of the source, as precise as it allows (a line, an anchor)' })
  url: string;

  @Field({ description: 'its title, e.g. Awesome-Healthcare-Foundation-Models' })
  title: string;

  @Field({ description: 'when it was read, ISO 8601 (a date or a date-time)' })
  retrievedAt: string;

  @Field(() => String, { nullable: true, description: 'the commit of a git source, e.g. fd36f54' })
  commit?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'the section of the source, e.g. Large Language Models > Healthcare Domain',
  })
  section?: string | null;

  @Field(() => String, { nullable: true, description: 'a short verbatim excerpt of the source' })
  quote?: string | null;
}

@InputType({ description: 'Where a fact comes from: the paper or an external source, exactly one of them.' })
export class SourceInput {
  @Field(() => PaperSourceInput, { nullable: true })
  paper?: PaperSourceInput | null;

  @Field(() => ExternalSourceInput, { nullable: true })
  external?: ExternalSourceInput | null;
}

@InputType()
export class QuantityInput {
  @Field(() => Number, { nullable: true, defaultValue: null, description: 'null when no number is reported' })
  value: number | null;

  @Field({ description: 'as printed, e.g. >636M' })
  display: string;

  @Field(() => Bound)
  bound: Bound;
}

/** The fields every write names: where it goes and why. */
@InputType()
export abstract class WriteInput {
  @Field(() => String, { nullable: true, description: 'echoed in the payload (Relay)' })
  clientMutationId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'an open proposal of yours to add the change to; without one a new proposal is opened',
  })
  proposal?: string | null;

  @Field(() => String, { nullable: true, description: 'why: shown to reviewers and kept in the history' })
  reason?: string | null;
}

@InputType({ description: 'Retires (soft-deletes) an entity: it leaves the graph, its history stays.' })
export class RetireInput extends WriteInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'the version you saw: a stale one is refused with the current one' })
  version: number;
}

@InputType()
export class OpenProposalInput {
  @Field(() => String, { nullable: true })
  clientMutationId?: string | null;

  @Field()
  title: string;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType()
export class ReviewProposalInput {
  @Field(() => String, { nullable: true })
  clientMutationId?: string | null;

  @Field(() => ID)
  proposal: string;

  @Field({ description: 'the reason of an approval or rejection, or the comment' })
  body: string;
}

@ObjectType({ simpleResolvers: true })
export class ProposalPayload {
  @Field(() => String, { nullable: true })
  clientMutationId: string | null;

  @Field(() => Proposal, { nullable: true })
  proposal: Proposal | null;

  @Directive(listSize(MAX_USER_ERRORS))
  @Field(() => [UserError])
  userErrors: UserError[];
}

/**
 * What every write answers: the proposal it went into and the change it recorded. The catalog owns
 * Proposal and Change; the other subgraphs answer with references to them, which the gateway resolves.
 */
export function writePayloadOf(proposal: abstract new () => object, change: abstract new () => object) {
  // a base only: no schema type of its own (TypeGraphQL emits the types a resolver reaches)
  @ObjectType()
  abstract class WritePayloadBase {
    @Field(() => String, { nullable: true })
    clientMutationId: string | null;

    @Field(() => proposal, {
      nullable: true,
      description: 'the proposal the change is in; null when refused',
    })
    proposal: object | null;

    @Field(() => change, { nullable: true, description: 'the change as recorded; null when refused' })
    change: object | null;

    @Directive(listSize(MAX_USER_ERRORS))
    @Field(() => [UserError])
    userErrors: UserError[];
  }
  return WritePayloadBase;
}

export const WritePayload = writePayloadOf(Proposal, Change);

/** The fields every update names: what it changes, and the version the curator saw. */
@InputType()
export abstract class UpdateInput extends WriteInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'the version you saw: a stale one is refused with the current one' })
  version: number;
}
