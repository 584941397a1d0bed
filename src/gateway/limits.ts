import {
  OperationTypeNode,
  ASTVisitor,
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getArgumentValues,
  getNamedType,
  getNullableType,
  GraphQLError,
  GraphQLField,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLSchema,
  isAbstractType,
  isCompositeType,
  isListType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  parse,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
  ValueNode,
} from 'graphql';
import { badInput } from '../common/errors';
import { MAX_PAGE_SIZE } from '../common/paging';

/** Operation limits, on by default (see docs/limits.md). */
export interface OperationLimits {
  maxDepth: number;
  /** depth allowed below __schema and __type */
  maxIntrospectionDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  /** the size assumed for a list the supergraph declares no @listSize for */
  assumedListSize: number;
  /** the largest page (slicing argument, `first`) the subgraphs serve; a larger one is costed as this */
  maxPageSize: number;
}

export const DEFAULT_LIMITS: OperationLimits = {
  maxDepth: 12,
  maxIntrospectionDepth: 20,
  maxAliases: 30,
  maxRootFields: 20,
  maxDirectives: 20,
  maxTokens: 5000,
  maxCost: 50_000,
  assumedListSize: 20,
  maxPageSize: MAX_PAGE_SIZE,
};

export function limitError(code: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

type OnField = (field: FieldNode, depth: number, introspection: boolean) => void;
type Walk = (
  selectionSet: SelectionSetNode,
  onField: OnField,
  depth?: number,
  seen?: Set<string>,
  introspection?: boolean,
) => void;

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/** Visits every field of an operation with fragments expanded; a fragment cycle is not followed. */
function walker(fragments: Record<string, FragmentDefinitionNode>): Walk {
  const walk: Walk = (selectionSet, onField, depth = 1, seen = new Set(), introspection = false) => {
    for (const sel of selectionSet.selections) {
      if (sel.kind === Kind.FIELD) {
        const intro = introspection || (depth === 1 && INTROSPECTION_ROOTS.has(sel.name.value));
        onField(sel, depth, intro);
        if (sel.selectionSet) walk(sel.selectionSet, onField, depth + 1, seen, intro);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        walk(sel.selectionSet, onField, depth, seen, introspection);
      } else {
        const frag = fragments[sel.name.value];
        if (frag && !seen.has(frag.name.value))
          walk(frag.selectionSet, onField, depth, new Set([...seen, frag.name.value]), introspection);
      }
    }
  };
  return walk;
}

/** Depth, aliases, root fields and directives of each operation, counted with fragments expanded. */
export function shapeLimitsRule(limits: OperationLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(op: OperationDefinitionNode) {
      const fragments = Object.fromEntries(
        context
          .getDocument()
          .definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
          .map((f) => [f.name.value, f]),
      );
      let depth = 0;
      // introspection nests type references deeply (GraphiQL's own query is 15 deep) and never
      // reaches a subgraph, so it has an allowance of its own
      let introspectionDepth = 0;
      let aliases = 0;
      let directives = op.directives?.length ?? 0;
      const rootFields = new Set<string>();
      walker(fragments)(op.selectionSet, (field, d, introspection) => {
        if (introspection) introspectionDepth = Math.max(introspectionDepth, d);
        else depth = Math.max(depth, d);
        if (field.alias) aliases++;
        directives += field.directives?.length ?? 0;
        if (d === 1) rootFields.add((field.alias ?? field.name).value);
      });
      const checks: [number, number, string, string][] = [
        [depth, limits.maxDepth, 'MAX_DEPTH_EXCEEDED', 'depth'],
        [introspectionDepth, limits.maxIntrospectionDepth, 'MAX_DEPTH_EXCEEDED', 'introspection depth'],
        [aliases, limits.maxAliases, 'MAX_ALIASES_EXCEEDED', 'number of aliases'],
        [rootFields.size, limits.maxRootFields, 'MAX_ROOT_FIELDS_EXCEEDED', 'number of root fields'],
        [directives, limits.maxDirectives, 'MAX_DIRECTIVES_EXCEEDED', 'number of directives'],
      ];
      for (const [value, max, code, what] of checks) {
        if (value > max)
          context.reportError(limitError(code, `operation ${what} ${value} exceeds the limit of ${max}`));
      }
    },
  });
}

/** A field's `@listSize` (IBM GraphQL cost directive specification, as Federation 2.9 composes it). */
export interface ListSize {
  assumedSize: number | null;
  slicingArguments: readonly string[];
  sizedFields: readonly string[];
}

/** The demand control directives of a supergraph: `@listSize` by field, `@cost` by field or type. */
export interface CostDirectives {
  /** by field coordinate, `Type.field` */
  listSizes: ReadonlyMap<string, ListSize>;
  /** by field coordinate or type name */
  weights: ReadonlyMap<string, number>;
}

export const NO_COST_DIRECTIVES: CostDirectives = { listSizes: new Map(), weights: new Map() };

const COST_SPEC = /^https:\/\/specs\.apollo\.dev\/cost\/v0\.\d+$/;

const stringArg = (
  node: { arguments?: readonly { name: { value: string }; value: ValueNode }[] },
  name: string,
) => {
  const value = node.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
};

/** What the supergraph calls `@cost` and `@listSize`: its `@link` to the cost spec may rename them. */
function costSpecNames(document: DocumentNode): { cost: string; listSize: string } | null {
  for (const def of document.definitions) {
    if (def.kind !== Kind.SCHEMA_DEFINITION && def.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const link of def.directives ?? []) {
      if (link.name.value !== 'link' || !COST_SPEC.test(stringArg(link, 'url') ?? '')) continue;
      // unimported, the spec's directives are @<name> (its namesake) and @<name>__listSize
      const prefix = stringArg(link, 'as') ?? 'cost';
      const names = { cost: prefix, listSize: `${prefix}__listSize` };
      const imports = link.arguments?.find((a) => a.name.value === 'import')?.value;
      for (const entry of imports?.kind === Kind.LIST ? imports.values : []) {
        const name =
          entry.kind === Kind.STRING
            ? entry.value
            : entry.kind === Kind.OBJECT
              ? stringArg({ arguments: entry.fields }, 'name')
              : undefined;
        const as = entry.kind === Kind.OBJECT ? (stringArg({ arguments: entry.fields }, 'as') ?? name) : name;
        if (name === '@cost' && as) names.cost = as.replace(/^@/, '');
        if (name === '@listSize' && as) names.listSize = as.replace(/^@/, '');
      }
      return names;
    }
  }
  return null;
}

const intArg = (value: ValueNode | undefined): number | null =>
  value?.kind === Kind.INT && Number.isSafeInteger(Number(value.value)) ? Number(value.value) : null;
const stringsArg = (value: ValueNode | undefined): string[] =>
  value?.kind === Kind.LIST ? value.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])) : [];

/**
 * The `@listSize` and `@cost` directives of a supergraph, as the subgraphs declare them and composition
 * copies them. A supergraph without them (or one that does not parse: the runtime reports that) has none,
 * and the cost limit then assumes `assumedListSize` items for every list.
 */
export function costDirectivesOf(supergraph: string | DocumentNode): CostDirectives {
  let document: DocumentNode;
  try {
    document = typeof supergraph === 'string' ? parse(supergraph, { noLocation: true }) : supergraph;
  } catch {
    return NO_COST_DIRECTIVES;
  }
  const names = costSpecNames(document);
  if (!names) return NO_COST_DIRECTIVES;
  const listSizes = new Map<string, ListSize>();
  const weights = new Map<string, number>();
  const weightOf = (
    directives:
      | readonly {
          name: { value: string };
          arguments?: readonly { name: { value: string }; value: ValueNode }[];
        }[]
      | undefined,
  ) => {
    const cost = directives?.find((d) => d.name.value === names.cost);
    return cost ? intArg(cost.arguments?.find((a) => a.name.value === 'weight')?.value) : null;
  };
  for (const def of document.definitions) {
    if (!('name' in def) || !def.name || !('directives' in def)) continue;
    const typeWeight = weightOf(def.directives);
    if (typeWeight !== null) weights.set(def.name.value, typeWeight);
    if (!('fields' in def)) continue;
    for (const field of def.fields ?? []) {
      if (field.kind !== Kind.FIELD_DEFINITION) continue;
      const coordinate = `${def.name.value}.${field.name.value}`;
      const weight = weightOf(field.directives);
      if (weight !== null) weights.set(coordinate, weight);
      const listSize = field.directives?.find((d) => d.name.value === names.listSize);
      if (!listSize) continue;
      const arg = (name: string) => listSize.arguments?.find((a) => a.name.value === name)?.value;
      listSizes.set(coordinate, {
        assumedSize: intArg(arg('assumedSize')),
        slicingArguments: stringsArg(arg('slicingArguments')),
        sizedFields: stringsArg(arg('sizedFields')),
      });
    }
  }
  return { listSizes, weights };
}

/** What the cost of an operation is computed from. */
export interface CostModel {
  directives: CostDirectives;
  assumedListSize: number;
  maxPageSize: number;
  /**
   * lists holding one item per item of a list argument, by field coordinate: the cost spec sizes lists by
   * integer arguments only, so these are the gateway's own (a field the schema lacks is ignored)
   */
  listArguments: Readonly<Record<string, string>>;
}

/** `nodes(ids:)` answers one entity (or null) per id it is given. */
export const LIST_ARGUMENTS: Readonly<Record<string, string>> = { 'Query.nodes': 'ids' };

export function costModel(limits: OperationLimits, directives: CostDirectives): CostModel {
  return {
    directives,
    assumedListSize: limits.assumedListSize,
    maxPageSize: limits.maxPageSize,
    listArguments: LIST_ARGUMENTS,
  };
}

export interface OperationCost {
  cost: number;
  /** the first slicing argument outside 0 to maxPageSize, refused as the subgraph refuses it */
  pageSizeError: GraphQLError | null;
}

/** The size a connection gives the fields named in its `sizedFields`. */
interface Sized {
  size: number;
  fields: readonly string[];
}

/**
 * Demand control, after the IBM GraphQL cost directive specification: a field costs its weight (`@cost`
 * on the field or its type, else 1 for an object, interface or union and 0 for a scalar or enum) plus what
 * it selects, and a list field that much for each of its items. A list holds what its `@listSize` says:
 * the value of a slicing argument (`first`, at most `maxPageSize`), else its `assumedSize`; a connection's
 * size applies to its `sizedFields` (`edges`, `nodes`). `nodes(ids:)` counts its ids; a list without
 * `@listSize` counts `assumedListSize`. An interface or union costs what its most expensive type selects.
 *
 * `variables` are the request's, coerced (with the defaults the operation declares): the cost of a document
 * is a property of each request, never of the document alone.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  model: CostModel,
): OperationCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const root = schema.getRootType(operation.operation ?? OperationTypeNode.QUERY);
  let pageSizeError: GraphQLError | null = null;
  // a selection set costs the same wherever it recurs (fragments), for a type and a connection's size
  const memo = new Map<SelectionSetNode, Map<string, number>>();
  const { listSizes, weights } = model.directives;

  const declared = <T>(
    table: ReadonlyMap<string, T>,
    type: GraphQLObjectType,
    field: string,
  ): T | undefined =>
    table.get(`${type.name}.${field}`) ??
    type
      .getInterfaces()
      .map((i) => table.get(`${i.name}.${field}`))
      .find((v) => v !== undefined);

  const applies = (condition: string | undefined, type: GraphQLObjectType): boolean => {
    if (!condition || condition === type.name) return true;
    const t = schema.getType(condition);
    return !!t && isAbstractType(t) && schema.isSubType(t, type);
  };

  /** The fields a selection set asks of an object type, fragments expanded; `path` stops a fragment cycle. */
  const fieldsOf = (
    set: SelectionSetNode,
    type: GraphQLObjectType,
    out: FieldNode[],
    path: string[] = [],
  ) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) out.push(sel);
      else if (sel.kind === Kind.INLINE_FRAGMENT) {
        if (applies(sel.typeCondition?.name.value, type)) fieldsOf(sel.selectionSet, type, out, path);
      } else {
        const frag = fragments.get(sel.name.value);
        if (frag && !path.includes(frag.name.value) && applies(frag.typeCondition.name.value, type))
          fieldsOf(frag.selectionSet, type, out, [...path, frag.name.value]);
      }
    }
    return out;
  };

  const slicedSize = (listSize: ListSize, args: Record<string, unknown>): number | null => {
    let size: number | null = null;
    for (const name of listSize.slicingArguments) {
      const value = args[name];
      if (typeof value !== 'number' || !Number.isFinite(value)) continue;
      if (!pageSizeError && (value < 0 || value > model.maxPageSize))
        pageSizeError =
          value < 0
            ? badInput(`"${name}" must be a non-negative integer, got ${value}`, { argument: name })
            : badInput(
                `"${name}" must be at most ${model.maxPageSize}, got ${value}; page through the rest with "after"`,
                { argument: name, max: model.maxPageSize },
              );
      size = Math.max(size ?? 0, Math.min(Math.max(value, 0), model.maxPageSize));
    }
    return size;
  };

  const fieldCost = (node: FieldNode, type: GraphQLObjectType, sized: Sized | null): number => {
    const name = node.name.value;
    const def: GraphQLField<unknown, unknown> | undefined = type.getFields()[name];
    // __typename costs nothing; introspection never reaches a subgraph
    if (!def) return 0;
    const named: GraphQLNamedType = getNamedType(def.type);
    const weight =
      declared(weights, type, name) ?? weights.get(named.name) ?? (isCompositeType(named) ? 1 : 0);
    const listSize = declared(listSizes, type, name);
    let args: Record<string, unknown> | undefined;
    const argumentValues = () => {
      // arguments that do not coerce (null for a non-null one) are the executor's to report, on the field
      try {
        args ??= getArgumentValues(def, node, variables);
      } catch {
        args = {};
      }
      return args;
    };
    const ownSize = () =>
      (listSize && slicedSize(listSize, argumentValues())) ?? listSize?.assumedSize ?? model.assumedListSize;
    let size = 1;
    let childSized: Sized | null = null;
    if (listSize?.sizedFields.length) childSized = { size: ownSize(), fields: listSize.sizedFields };
    else if (isListType(getNullableType(def.type))) {
      const listArgument = model.listArguments[`${type.name}.${name}`];
      const items = listArgument ? argumentValues()[listArgument] : undefined;
      if (Array.isArray(items)) size = items.length;
      else if (!listSize && sized?.fields.includes(name)) size = sized.size;
      else size = ownSize();
    }
    const selected =
      node.selectionSet && isCompositeType(named) ? setCost(node.selectionSet, named, childSized) : 0;
    return size * (weight + selected);
  };

  const setCost = (set: SelectionSetNode, type: GraphQLNamedType, sized: Sized | null): number => {
    if (isAbstractType(type))
      return Math.max(0, ...schema.getPossibleTypes(type).map((t) => setCost(set, t, sized)));
    if (!isObjectType(type)) return 0;
    const key = sized ? `${type.name} ${sized.size} ${sized.fields.join(' ')}` : type.name;
    let byType = memo.get(set);
    if (!byType) memo.set(set, (byType = new Map<string, number>()));
    const known = byType.get(key);
    if (known !== undefined) return known;
    // a fragment cycle (which validation refuses) would end here rather than loop
    byType.set(key, 0);
    let total = 0;
    for (const field of fieldsOf(set, type, [])) total += fieldCost(field, type, sized);
    byType.set(key, total);
    return total;
  };

  const cost = root ? setCost(operation.selectionSet, root, null) : 0;
  return { cost, pageSizeError };
}

/**
 * The error of an operation whose cost is over the limit. It is found just before execution, but answered
 * as the other limits, which validation finds: 200 to `application/json` clients, 400 to
 * `application/graphql-response+json` ones (GraphQL over HTTP).
 */
export function costLimitError(cost: number, limit: number): GraphQLError {
  return new GraphQLError(
    `operation cost ${cost} exceeds the limit of ${limit}; ask for smaller pages ("first") or fewer nested lists`,
    { extensions: { code: 'COST_LIMIT_EXCEEDED', http: { spec: true, status: 400 } } },
  );
}
