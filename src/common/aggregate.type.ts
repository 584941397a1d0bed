import { Arg, Ctx, Directive, Field, Int, ObjectType } from 'type-graphql';
import { GroupSpec, ListAggregator, ListScope } from './graph/aggregates';
import { GroupCount } from './group-count.type';
import { Stats } from './stats.type';

/** What an aggregate reads: its connection's whole list (all pages) and the connection's count. */
export interface AggregatedList {
  scope?: ListScope;
  count(): Promise<number>;
}

/** The per-request aggregator, which batches nested lists' aggregates across parents. */
export interface AggregateContext {
  loaders: { aggregates: ListAggregator };
}

/** A decorator that declares nothing: a field a type leaves out. */
export const noField: MethodDecorator = () => undefined;

export interface AggregateOptions<F extends string> {
  /** the GraphQL enum of the fields to group by, registered with registerEnumType */
  groupField: Record<string, F>;
  /** what each of its values groups by */
  groups: Record<F, GroupSpec>;
  /** the @listSize of groupBy: the most groups any of its fields has */
  groupsSize: string;
  /** the number field summarised by `Stats`, if the type has one, and its graph_nodes column */
  stats?: { field: string; column: string; description: string };
}

/**
 * Declares `<Name>Aggregate`. Every field is a method, so that only the fields a client asks for run
 * SQL, each in one statement (batched across parents for nested lists).
 */
export function aggregateType<F extends string>(name: string, options: AggregateOptions<F>) {
  const { groupField, groups, groupsSize, stats } = options;
  const statsField = stats
    ? Field(() => Stats, { name: stats.field, description: stats.description })
    : noField;

  @ObjectType(`${name}Aggregate`, {
    description: `Aggregates over the whole list (every page) that the connection's filter selects.`,
  })
  class Aggregate {
    list: AggregatedList;

    private scope(): ListScope {
      // every connection with an aggregate sets its scope; one that does not is a bug, not an empty list
      if (!this.list.scope) throw new Error(`this ${name} list does not say which ids it holds`);
      return this.list.scope;
    }

    @Field(() => Int, { description: 'how many items the whole list holds (its totalCount)' })
    count(): Promise<number> {
      return this.list.count();
    }

    @statsField
    stats(@Ctx() ctx: AggregateContext): Promise<Stats> {
      return ctx.loaders.aggregates.stats(this.scope(), stats!.column);
    }

    @Directive(groupsSize)
    @Field(() => [GroupCount], {
      description:
        'how many items have each value (an item with several counts in each, one with none under null); largest group first, then by key, null last',
    })
    groupBy(@Arg('field', () => groupField) field: F, @Ctx() ctx: AggregateContext): Promise<GroupCount[]> {
      return ctx.loaders.aggregates.groups(this.scope(), groups[field]);
    }

    // `this`-free, so connections can pass it around
    static of(this: void, list: AggregatedList): Aggregate {
      return Object.assign(new Aggregate(), { list });
    }
  }
  return Aggregate;
}
