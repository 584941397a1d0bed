import type { Identity } from '../common/identity';
import type { Deadline } from './request-deadline.plugin';
import { isPromise, mapSchema, MapperKind } from '@graphql-tools/utils';
import {
  buildSchema,
  defaultFieldResolver,
  getNamedType,
  GraphQLAbstractType,
  GraphQLEnumType,
  GraphQLError,
  GraphQLFieldResolver,
  GraphQLLeafType,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLResolveInfo,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLTypeResolver,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
} from 'graphql';
import { completeInSlices } from './list-slices';
import type { LocalSubgraph } from './local-transport';
import { entityEntry, readSupergraphJoins, SupergraphJoins } from './supergraph-joins';

/** The subgraph an object was resolved in: its other fields resolve there when they can, without a hop. */
const ORIGIN = Symbol('lam-atlas.subgraph');
type Tagged = { [ORIGIN]?: string } & Record<string, unknown>;

/**
 * One request through the fused schema: a context per subgraph (so one set of DataLoaders each for the
 * whole request), and the entities already fetched from another subgraph for a parent object.
 */
export class FusedRequest {
  private readonly contexts = new Map<string, object>();
  readonly entities = new WeakMap<object, Map<string, unknown>>();
  constructor(
    private readonly subgraphs: Record<string, LocalSubgraph>,
    /** the caller's, as every subgraph context carries it */
    private readonly identity: Identity,
    /** past it, no more subgraph resolvers start */
    readonly deadline?: Deadline,
  ) {
    // long lists a slice per turn of the event loop, none past the deadline
    completeInSlices(this, deadline);
  }
  contextOf(subgraph: string): object {
    let context = this.contexts.get(subgraph);
    if (!context)
      this.contexts.set(subgraph, (context = this.subgraphs[subgraph].createContext(this.identity)));
    return context;
  }

  private turn: Promise<void> | null = null;

  /**
   * A value loaded from a store, handed on once the event loop has had a turn. SQLite reads run on the
   * event loop and the loaders batch on promise jobs, so a request's levels would otherwise follow each
   * other without the loop ever reading a socket: a client's disconnect (its request's abort signal,
   * which expires the deadline) would be seen only once everything had run. The values that resolve
   * together share one turn, so a request takes a turn per wave of loads, not per field.
   */
  afterTurn(value: unknown): unknown {
    if (!this.deadline || !isPromise(value)) return value;
    return value.then((v) => this.nextTurn().then(() => v));
  }

  private nextTurn(): Promise<void> {
    // two hops: the first lets a poll phase run (reading a closed socket), the second follows it
    return (this.turn ??= new Promise<void>((resolve) =>
      setImmediate(() => {
        this.turn = null;
        setImmediate(resolve);
      }),
    ));
  }
}

type Resolve = (
  parent: Tagged | undefined,
  args: Record<string, unknown>,
  request: FusedRequest,
  info: GraphQLResolveInfo,
) => unknown;

const then = (value: unknown, next: (v: unknown) => unknown): unknown =>
  isPromise(value) ? value.then(next) : next(value);
const all = (values: unknown[]): unknown => (values.some(isPromise) ? Promise.all(values) : values);

function tagAll(value: unknown, subgraph: string): unknown {
  if (value == null) return value;
  if (Array.isArray(value)) for (const item of value) tagAll(item, subgraph);
  else if (isPromise(value))
    value.then(
      (v) => tagAll(v, subgraph),
      () => undefined,
    );
  else if (typeof value === 'object' && Object.isExtensible(value)) (value as Tagged)[ORIGIN] = subgraph;
  return value;
}

/** The subgraph whose resolver raised an error: the gateway names it (`serviceName`) as it does a subgraph's error. */
const failedIn = new WeakMap<object, string>();
export const subgraphOfError = (error: unknown): string | undefined =>
  error && typeof error === 'object' ? failedIn.get(error) : undefined;
function marked(error: unknown, subgraph: string): unknown {
  if (error && typeof error === 'object' && !failedIn.has(error)) failedIn.set(error, subgraph);
  return error;
}

/** What a subgraph's resolver returned: its objects tagged with the subgraph, a rejection marked with it. */
function attributed(value: unknown, subgraph: string, tag: boolean): unknown {
  if (isPromise(value)) {
    return value.then(
      (v) => (tag ? tagAll(v, subgraph) : v),
      (error) => {
        throw marked(error, subgraph);
      },
    );
  }
  return tag ? tagAll(value, subgraph) : value;
}

/** The resolve info a subgraph's resolver gets: the supergraph operation's, with the subgraph's own schema. */
const ownInfo = (info: GraphQLResolveInfo, schema: GraphQLSchema): GraphQLResolveInfo =>
  info.schema === schema ? info : { ...info, schema };

/** A leaf value as the subgraph would have sent it in a representation (enum names, serialized scalars). */
function serialized(type: GraphQLOutputType, value: unknown): unknown {
  if (value == null) return null;
  if (isNonNullType(type)) return serialized(type.ofType, value);
  if (isListType(type)) return Array.from(value as Iterable<unknown>, (v) => serialized(type.ofType, v));
  return (type as GraphQLLeafType).serialize(value);
}

/**
 * Resolves every field of a supergraph with the resolvers of the subgraphs that own it, in this process:
 * a field runs in the subgraph its parent came from when that subgraph has it, and otherwise in its owner,
 * on the entity that owner's reference resolver returns for the parent's key (and `@requires` fields).
 */
class FieldRouter {
  private readonly resolvers = new Map<string, Resolve>();
  constructor(
    private readonly joins: SupergraphJoins,
    private readonly subgraphs: Record<string, LocalSubgraph>,
  ) {}

  resolver(type: string, field: string): Resolve {
    const name = `${type}.${field}`;
    let resolve = this.resolvers.get(name);
    if (!resolve) this.resolvers.set(name, (resolve = this.build(type, field)));
    return resolve;
  }

  private fieldIn(subgraph: string, type: string, field: string) {
    const found = (
      this.subgraphs[subgraph]?.schema.getType(type) as GraphQLObjectType | undefined
    )?.getFields?.()[field];
    if (!found)
      throw new Error(
        `the supergraph resolves ${type}.${field} in ${subgraph}, whose schema has no such field`,
      );
    return found;
  }

  private direct(subgraph: string, type: string, field: string): Resolve {
    const definition = this.fieldIn(subgraph, type, field);
    const resolve = (definition.resolve ?? defaultFieldResolver) as GraphQLFieldResolver<unknown, object>;
    const named = getNamedType(definition.type);
    const composite = isCompositeType(named);
    const abstract = isAbstractType(named) ? named.name : undefined;
    const own = this.subgraphs[subgraph].schema;
    // a plain property read needs no info; a resolver of the subgraph's sees its own schema, as planned
    const infoFor = definition.resolve ? (info: GraphQLResolveInfo) => ownInfo(info, own) : undefined;
    return (parent, args, request, info) => {
      let value: unknown;
      try {
        request.deadline?.check();
        value = request.afterTurn(
          resolve(parent, args, request.contextOf(subgraph), infoFor ? infoFor(info) : info),
        );
      } catch (error) {
        throw marked(error, subgraph);
      }
      const result = attributed(value, subgraph, composite);
      if (!abstract) return result;
      return then(result, (v) => {
        const checked = this.members(abstract, v, request, info);
        if (checked instanceof Error) throw checked;
        return checked;
      });
    };
  }

  private build(type: string, field: string): Resolve {
    const graphs = this.joins.resolvers.get(`${type}.${field}`);
    if (!graphs?.length) throw new Error(`the supergraph names no subgraph that resolves ${type}.${field}`);
    const direct = new Map(graphs.map((g) => [g, this.direct(g, type, field)]));
    const first = direct.get(graphs[0])!;
    // from each subgraph that lacks the field: one entity call to a subgraph with a key it can give
    const hops = new Map<string, Resolve>();
    for (const from of this.joins.types.get(type) ?? []) {
      const entry = direct.has(from) ? undefined : entityEntry(this.joins, type, from, graphs);
      if (!entry) continue;
      const fromOwner = direct.get(entry.graph)!;
      const entity = this.entityFetcher(entry.graph, type, [
        ...entry.key,
        ...(this.joins.requires.get(`${type}.${field}@${entry.graph}`) ?? []),
      ]);
      hops.set(from, (parent, args, request, info) =>
        then(entity(parent!, request, info), (found) =>
          found == null ? null : fromOwner(found as Tagged, args, request, info),
        ),
      );
    }
    return (parent, args, request, info) => {
      const origin = parent?.[ORIGIN];
      const resolve = origin === undefined ? first : (direct.get(origin) ?? hops.get(origin) ?? first);
      return resolve(parent, args, request, info);
    };
  }

  /**
   * Gets the owner's object for a parent, as its `_entities` would give it for the representation of
   * `fields` (key, then required fields): once per request, parent and field set.
   */
  private entityFetcher(owner: string, type: string, fields: string[]) {
    const cacheKey = `${owner} ${fields.join(' ')}`;
    const ownerSchema = this.subgraphs[owner].schema;
    const ownerType = ownerSchema.getType(type)!;
    type ResolveReference = (reference: object, context: object, info: GraphQLResolveInfo) => unknown;
    const resolveReference = (
      ownerType.extensions as { apollo?: { subgraph?: { resolveReference?: ResolveReference } } }
    ).apollo?.subgraph?.resolveReference;
    // per field: where a plain property holds it (no resolver), and how its value is serialized
    const plainIn = fields.map(
      (f) =>
        new Set(
          (this.joins.resolvers.get(`${type}.${f}`) ?? []).filter((g) => !this.fieldIn(g, type, f).resolve),
        ),
    );
    const leaves = fields.map((f) => this.leafType(type, f));
    const valueOf = (i: number, parent: Tagged, request: FusedRequest, info: GraphQLResolveInfo) => {
      const f = fields[i];
      if (plainIn[i].has(parent[ORIGIN] as string)) return serialized(leaves[i], parent[f]);
      // a default resolver reads the property info.fieldName names
      return then(this.resolver(type, f)(parent, {}, request, { ...info, fieldName: f }), (v) =>
        serialized(leaves[i], v),
      );
    };
    const resolve = (values: unknown[], request: FusedRequest, info: GraphQLResolveInfo) => {
      const representation: Record<string, unknown> = { __typename: type };
      for (let i = 0; i < fields.length; i++) representation[fields[i]] = values[i];
      let result: unknown = representation;
      try {
        if (resolveReference)
          result = resolveReference(representation, request.contextOf(owner), ownInfo(info, ownerSchema));
      } catch (error) {
        throw marked(error, owner);
      }
      return attributed(result, owner, true);
    };
    return (parent: Tagged, request: FusedRequest, info: GraphQLResolveInfo): unknown => {
      let fetched = request.entities.get(parent);
      if (!fetched) request.entities.set(parent, (fetched = new Map<string, unknown>()));
      else if (fetched.has(cacheKey)) return fetched.get(cacheKey);
      const values = fields.map((_, i) => valueOf(i, parent, request, info));
      const found = then(all(values), (v) => resolve(v as unknown[], request, info));
      fetched.set(cacheKey, found);
      return found;
    };
  }

  private leafType(type: string, field: string): GraphQLOutputType {
    const graph = this.joins.resolvers.get(`${type}.${field}`)?.[0];
    const definition = graph ? this.fieldIn(graph, type, field) : undefined;
    if (!definition || !isLeafType(getNamedType(definition.type)))
      throw new Error(`${type}.${field} is a key or required field that is not a scalar or enum`);
    return definition.type;
  }

  /** graphql-jit passes no abstract type to a type resolver: each abstract type has one of its own */
  typeResolver(abstractType: string): GraphQLTypeResolver<Tagged, FusedRequest> {
    return (value, request, info) => {
      const member = this.memberOf(abstractType, value, request, info);
      return member instanceof Error ? undefined : member;
    };
  }

  /**
   * The object type a value of an abstract type is, as the subgraph it came from resolves it; an error
   * (the one its executor gives) when that subgraph's schema does not make it a member of the type.
   */
  private memberOf(
    abstractType: string,
    value: Tagged,
    request: FusedRequest,
    info: GraphQLResolveInfo,
  ): string | undefined | GraphQLError {
    const origin = value?.[ORIGIN];
    const schema = origin ? this.subgraphs[origin].schema : undefined;
    const own = schema?.getType(abstractType);
    if (!schema || !own || !isAbstractType(own)) return value?.__typename as string | undefined;
    const context = request.contextOf(origin!);
    const inOwn = ownInfo(info, schema);
    const resolved = own.resolveType?.(value, context, inOwn, own);
    const name =
      typeof resolved === 'string'
        ? resolved
        : (schema.getPossibleTypes(own).find((t) => t.isTypeOf?.(value, context, inOwn) === true)?.name ??
          (value?.__typename as string | undefined));
    const type = name === undefined ? undefined : schema.getType(name);
    if (name === undefined || (type && isObjectType(type) && schema.isSubType(own, type))) return name;
    return marked(
      new GraphQLError(`Runtime Object type "${name}" is not a possible type for "${abstractType}".`),
      origin!,
    ) as GraphQLError;
  }

  /**
   * A value of an abstract field with each object its subgraph would refuse as a member replaced by that
   * error: the field (or the list item) is then null with the error, as the subgraph answers it.
   */
  private members(
    abstractType: string,
    value: unknown,
    request: FusedRequest,
    info: GraphQLResolveInfo,
  ): unknown {
    if (value == null) return value;
    if (Array.isArray(value)) return value.map((v) => this.members(abstractType, v, request, info));
    const member = this.memberOf(abstractType, value as Tagged, request, info);
    return member instanceof Error ? member : value;
  }
}

/** The subgraph definition of a leaf type named like `name`, with what it maps values to and from. */
function subgraphLeaf<T extends GraphQLScalarType | GraphQLEnumType>(
  subgraphs: Record<string, LocalSubgraph>,
  name: string,
  is: (t: unknown) => t is T,
): T[] {
  return Object.values(subgraphs).flatMap((s) => {
    const t = s.schema.getType(name);
    return t && is(t) ? [t] : [];
  });
}

export interface FusedSchema {
  schema: GraphQLSchema;
  request(deadline: Deadline | undefined, identity: Identity): FusedRequest;
}

/**
 * The API schema, executable in one process over the subgraph schemas' own resolvers; or, when the
 * supergraph uses federation features this does not fuse, what they are.
 */
export function buildFusedSchema(
  supergraph: string,
  apiSchema: string,
  subgraphs: Record<string, LocalSubgraph>,
): FusedSchema | { unsupported: string[] } {
  const joins = readSupergraphJoins(supergraph);
  const unsupported = [...joins.unsupported];
  for (const [name, resolvers] of joins.resolvers) {
    for (const g of resolvers)
      if (!subgraphs[g]) unsupported.push(`${name}: subgraph ${g} is not in this process`);
  }
  const api = buildSchema(apiSchema);
  for (const type of Object.values(api.getTypeMap())) {
    if (!isEnumType(type)) continue;
    const variants = subgraphLeaf(subgraphs, type.name, isEnumType).map((e) =>
      JSON.stringify(e.getValues().map((v): [string, unknown] => [v.name, v.value])),
    );
    if (new Set(variants).size > 1)
      unsupported.push(`enum ${type.name}: subgraphs map its values differently`);
  }
  if (unsupported.length) return { unsupported };
  const router = new FieldRouter(joins, subgraphs);
  const schema = mapSchema(api, {
    [MapperKind.SCALAR_TYPE]: (type) => {
      if (isSpecifiedScalarType(type)) return type;
      const own = subgraphLeaf(subgraphs, type.name, isScalarType)[0];
      return own
        ? new GraphQLScalarType({
            ...type.toConfig(),
            serialize: own.serialize,
            parseValue: own.parseValue,
            parseLiteral: own.parseLiteral,
          })
        : type;
    },
    [MapperKind.ENUM_TYPE]: (type) => {
      const own = subgraphLeaf(subgraphs, type.name, isEnumType)[0];
      if (!own) return type;
      const config = type.toConfig();
      for (const [name, value] of Object.entries(config.values))
        value.value = (own.getValue(name)?.value as unknown) ?? name;
      return new GraphQLEnumType(config);
    },
    [MapperKind.OBJECT_FIELD]: (config, field, typeName) => ({
      ...config,
      resolve: router.resolver(typeName, field),
    }),
    [MapperKind.ABSTRACT_TYPE]: (type) => {
      const config = type.toConfig();
      return new (type.constructor as new (c: typeof config) => GraphQLAbstractType)({
        ...config,
        resolveType: router.typeResolver(type.name) as never,
      });
    },
  });
  // every object field gets its resolver now, so a supergraph/subgraph mismatch fails at startup
  for (const type of Object.values(schema.getTypeMap())) {
    if (isObjectType(type) && !type.name.startsWith('__'))
      for (const field of Object.keys(type.getFields())) router.resolver(type.name, field);
  }
  return { schema, request: (deadline, identity) => new FusedRequest(subgraphs, identity, deadline) };
}
