import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { curatedWrites, payloadOf } from '../../../common/curation/curated-writes.resolver';
import { changeCitationSupport } from '../../../common/curation/nested-writes';
import { JOURNAL_REFS } from '../../../common/curation/catalog-refs.type';
import { RecordShape, writeRecord } from '../../../common/curation/write-record';
import { Citation } from '../entities/citation.entity';
import { CitationSupportInput, CreateCitationInput, UpdateCitationInput } from '../entities/write-inputs';
import { LiteratureContext } from '../loaders';

/** A reference's record (keyed by its number): aliases are left out rather than empty, as in data/. */
export const CITATION_SHAPE: RecordShape = {
  type: 'Citation',
  kind: 'citations',
  rules: { aliases: 'list', mentions: 'list' },
  finish: (record) => {
    if (!Array.isArray(record.aliases) || record.aliases.length === 0) delete record.aliases;
  },
};

const loadCitation = (ctx: LiteratureContext, id: string) => ctx.loaders.citation.load(id);

/** version, history and create/update/retire of references. */
export const CitationWritesResolver = curatedWrites<LiteratureContext>({
  type: 'Citation',
  entity: Citation,
  journal: JOURNAL_REFS,
  createInput: CreateCitationInput,
  updateInput: UpdateCitationInput,
  write: (ctx, op, input) => writeRecord(ctx, CITATION_SHAPE, op, input),
  load: loadCitation,
});

type CitationPayload = InstanceType<typeof CitationWritesResolver.Payload>;

/** What a reference supports, written as changes of the supported entities' `citations`. */
@Resolver()
export class CitationSupportResolver {
  @Mutation(() => CitationWritesResolver.Payload, {
    description: "proposes that a reference supports an entity: adds it to the entity's citations (curator)",
  })
  addCitationSupport(
    @Arg('input') input: CitationSupportInput,
    @Ctx() ctx: LiteratureContext,
  ): Promise<CitationPayload> {
    return this.answer(ctx, true, input);
  }

  @Mutation(() => CitationWritesResolver.Payload, {
    description:
      "proposes that a reference no longer supports an entity: removes it from the entity's citations (curator)",
  })
  removeCitationSupport(
    @Arg('input') input: CitationSupportInput,
    @Ctx() ctx: LiteratureContext,
  ): Promise<CitationPayload> {
    return this.answer(ctx, false, input);
  }

  private async answer(ctx: LiteratureContext, add: boolean, input: CitationSupportInput) {
    const result = await changeCitationSupport(ctx, add, input);
    return (await payloadOf(ctx, 'citation', result, loadCitation)) as CitationPayload;
  }
}
