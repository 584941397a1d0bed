import { Arg, Ctx, Directive, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Change } from '../../../common/curation/change.entity';
import {
  OpenProposalInput,
  ProposalPayload,
  ReviewProposalInput,
} from '../../../common/curation/curation.types';
import {
  decideProposal,
  requireCuration,
  requireRole,
  UserErrorValue,
} from '../../../common/curation/propose';
import { Proposal, ProposalStatus } from '../../../common/curation/proposal.entity';
import { Review, ReviewVerdict } from '../../../common/curation/review.entity';
import { MAX_TEXT } from '../../../common/curation/record-input';
import { badInput } from '../../../common/errors';
import { listSize } from '../../../common/federation';
import { MAX_CHANGES, MAX_REVIEWS } from '../../../common/curation/journal';

/** A root list of at most `first` (500) items. */
const SLICED = '@listSize(assumedSize: 100, slicingArguments: ["first"], requireOneSlicingArgument: false)';
import { fromGlobalId } from '../../../common/global-id';
import { curationLoaders } from '../../../common/curation/curation';
import { CatalogContext } from '../loaders';

const numberOf = (id: string): number | null => {
  const decoded = fromGlobalId(id);
  return decoded?.type === 'Proposal' ? Number(decoded.key) : null;
};

const payload = (
  input: { clientMutationId?: string | null },
  proposal: Proposal | null,
  userErrors: UserErrorValue[] = [],
): ProposalPayload => ({ clientMutationId: input.clientMutationId ?? null, proposal, userErrors });

function textErrors(fields: Record<string, string | null | undefined>): UserErrorValue[] {
  return Object.entries(fields).flatMap(([field, value]) => {
    if (value != null && value.length > MAX_TEXT)
      return [{ field: ['input', field], message: `at most ${MAX_TEXT} characters`, code: 'TOO_LARGE' }];
    if (field !== 'description' && (value == null || value.trim() === ''))
      return [{ field: ['input', field], message: 'must not be empty', code: 'INVALID' }];
    return [];
  });
}

/** Proposals (change sets), their review, and the feed of applied changes. */
@Resolver(() => Proposal)
export class ProposalResolver {
  @Query(() => Proposal, { nullable: true })
  async proposal(@Arg('id', () => ID) id: string, @Ctx() ctx: CatalogContext): Promise<Proposal | null> {
    const number = numberOf(id);
    return number === null ? null : curationLoaders(ctx).proposal.load(number);
  }

  @Directive(SLICED)
  @Query(() => [Proposal], { description: 'newest first' })
  proposals(
    @Ctx() ctx: CatalogContext,
    @Arg('status', () => ProposalStatus, { nullable: true }) status?: ProposalStatus,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
  ): Promise<Proposal[]> {
    if (first < 0 || first > 500) throw badInput('first must be between 0 and 500', { argument: 'first' });
    return ctx.curation ? ctx.curation.journal.proposals(status ?? null, first) : Promise.resolve([]);
  }

  @Directive(SLICED)
  @Query(() => [Change], {
    description:
      'the applied changes after `since` (a seq; 0 or none for all), oldest first: a feed to sync from',
  })
  changes(
    @Ctx() ctx: CatalogContext,
    @Arg('since', () => Int, { defaultValue: 0 }) since = 0,
    @Arg('first', () => Int, { defaultValue: 100 }) first = 100,
  ): Promise<Change[]> {
    if (first < 0 || first > 500) throw badInput('first must be between 0 and 500', { argument: 'first' });
    return ctx.curation ? ctx.curation.journal.changesSince(since, first) : Promise.resolve([]);
  }

  @Directive(listSize(MAX_CHANGES))
  @FieldResolver(() => [Change], { name: 'changes', description: 'in the order they apply' })
  async proposalChanges(@Root() p: Proposal, @Ctx() ctx: CatalogContext): Promise<Change[]> {
    return curationLoaders(ctx).proposalChanges.load(p.number);
  }

  @Directive(listSize(MAX_REVIEWS))
  @FieldResolver(() => [Review], { description: 'comments and the decision, oldest first' })
  async reviews(@Root() p: Proposal, @Ctx() ctx: CatalogContext): Promise<Review[]> {
    return curationLoaders(ctx).proposalReviews.load(p.number);
  }

  @Mutation(() => ProposalPayload, { description: 'opens an empty proposal to add writes to (curator)' })
  async openProposal(
    @Arg('input') input: OpenProposalInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<ProposalPayload> {
    const caller = requireRole(ctx.identity, 'curator');
    const errors = textErrors({ title: input.title, description: input.description });
    if (errors.length > 0) return payload(input, null, errors);
    const { proposal } = await requireCuration(ctx).journal.propose(
      caller.sub,
      { title: input.title.trim(), description: input.description ?? null },
      [],
    );
    return payload(input, proposal);
  }

  @Mutation(() => ProposalPayload, { description: 'comments on a proposal (curator)' })
  async commentOnProposal(
    @Arg('input') input: ReviewProposalInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<ProposalPayload> {
    const caller = requireRole(ctx.identity, 'curator');
    const curation = requireCuration(ctx);
    const errors = textErrors({ body: input.body });
    const number = numberOf(input.proposal);
    const found = number === null ? null : await curation.journal.proposal(number);
    if (!found)
      errors.push({ field: ['input', 'proposal'], message: 'there is no such proposal', code: 'NOT_FOUND' });
    if (errors.length > 0) return payload(input, null, errors);
    await curation.journal.comment(found!.number, caller.sub, input.body);
    return payload(input, found);
  }

  @Mutation(() => ProposalPayload, {
    description: "approves a proposal and applies its changes together (reviewer; not one's own)",
  })
  approveProposal(
    @Arg('input') input: ReviewProposalInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<ProposalPayload> {
    return this.decide(ctx, input, ReviewVerdict.APPROVE);
  }

  @Mutation(() => ProposalPayload, { description: 'rejects a proposal: nothing of it is applied (reviewer)' })
  rejectProposal(
    @Arg('input') input: ReviewProposalInput,
    @Ctx() ctx: CatalogContext,
  ): Promise<ProposalPayload> {
    return this.decide(ctx, input, ReviewVerdict.REJECT);
  }

  private async decide(
    ctx: CatalogContext,
    input: ReviewProposalInput,
    verdict: ReviewVerdict.APPROVE | ReviewVerdict.REJECT,
  ): Promise<ProposalPayload> {
    const caller = requireRole(ctx.identity, 'reviewer');
    const curation = requireCuration(ctx);
    const errors = textErrors({ body: input.body });
    const number = numberOf(input.proposal);
    if (number === null)
      errors.push({ field: ['input', 'proposal'], message: 'not the id of a Proposal', code: 'INVALID' });
    if (errors.length > 0) return payload(input, null, errors);
    const { proposal, userErrors } = await decideProposal(curation, caller.sub, number!, verdict, input.body);
    return payload(input, proposal ?? null, userErrors);
  }
}
