import {
  Arg,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  Int,
  Mutation,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import { listSize } from '../federation';
import type { JournalTypes } from './catalog-refs.type';
import { Change, ChangeOp } from './change.entity';
import { RetireInput } from './curation.types';
import { CurationContext, entityHistory, entityVersion, WriteResult } from './write-record';

/** What the cost limit assumes of an entity's history: a fact is rarely changed more often. */
export const HISTORY_SIZE = 20;

type ClassType = abstract new () => object;

/** A writable type: its GraphQL class and name, its inputs, how it is written and read back. */
export interface WritableType<C extends CurationContext> {
  type: string;
  entity: ClassType;
  /** the payload's base and the type of a change: the catalog's own, JOURNAL_REFS elsewhere */
  journal: JournalTypes;
  createInput: ClassType;
  updateInput: ClassType;
  write: (ctx: C, op: ChangeOp, input: object) => Promise<WriteResult>;
  load: (ctx: C, id: string) => Promise<object | null>;
  /** its version and history, when they are not the journal's of its own id (a mitigation's) */
  version?: (entity: { id: string }, ctx: C) => Promise<number>;
  history?: (entity: { id: string }, ctx: C) => Promise<Change[]>;
}

const lowerFirst = (s: string) => s[0].toLowerCase() + s.slice(1);

/** A write's payload: the entity it wrote, as the graph has it now, in the field named `field`. */
export async function payloadOf<C>(
  ctx: C,
  field: string,
  result: WriteResult,
  load: (ctx: C, id: string) => Promise<object | null>,
): Promise<object> {
  const { entityId, ...rest } = result;
  return { ...rest, [field]: entityId ? await load(ctx, entityId) : null };
}

/**
 * `version` and `history` on a type, and its create, update and retire mutations with their payload
 * (`<Type>WritePayload`, the entity in a field named after the type): one factory for every writable
 * type, since they differ only in names, inputs and how they are written.
 */
export function curatedWrites<C extends CurationContext>(t: WritableType<C>) {
  const noun = lowerFirst(t.type);
  const words = t.type.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();

  @ObjectType(`${t.type}WritePayload`, { simpleResolvers: true })
  class Payload extends t.journal.payload {
    // the value is read from the field's name (simple resolvers): see answer()
    @Field(() => t.entity, {
      name: noun,
      nullable: true,
      description: `the ${words} as the graph has it now (null for a new one until approved)`,
    })
    entity: object | null;
  }

  const answer = async (ctx: C, op: ChangeOp, input: object) =>
    (await payloadOf(ctx, noun, await t.write(ctx, op, input), t.load)) as Payload;

  @Resolver(() => t.entity)
  class CuratedWritesResolver {
    @FieldResolver(() => Int, {
      description: 'changes with each approved change; a write names the version it saw',
    })
    version(@Root() entity: { id: string }, @Ctx() ctx: C): Promise<number> {
      return t.version ? t.version(entity, ctx) : entityVersion(ctx, entity.id);
    }

    @Directive(listSize(HISTORY_SIZE))
    @FieldResolver(() => [t.journal.change], {
      description: `the approved changes of this ${words}, oldest first`,
    })
    history(@Root() entity: { id: string }, @Ctx() ctx: C): Promise<Change[]> {
      return t.history ? t.history(entity, ctx) : entityHistory(ctx, entity.id);
    }

    @Mutation(() => Payload, { name: `create${t.type}`, description: `proposes a new ${words} (curator)` })
    create(@Arg('input', () => t.createInput) input: object, @Ctx() ctx: C): Promise<Payload> {
      return answer(ctx, ChangeOp.CREATE, input);
    }

    @Mutation(() => Payload, {
      name: `update${t.type}`,
      description: `proposes a change of a ${words} (curator)`,
    })
    update(@Arg('input', () => t.updateInput) input: object, @Ctx() ctx: C): Promise<Payload> {
      return answer(ctx, ChangeOp.UPDATE, input);
    }

    @Mutation(() => Payload, {
      name: `retire${t.type}`,
      description: `proposes retiring a ${words} (curator)`,
    })
    retire(@Arg('input', () => RetireInput) input: RetireInput, @Ctx() ctx: C): Promise<Payload> {
      return answer(ctx, ChangeOp.RETIRE, input);
    }
  }
  // the payload, for other mutations that write the type (a citation's support)
  return Object.assign(CuratedWritesResolver, { Payload });
}
