import {
  OperationTypeNode,
  ASTVisitor,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLError,
  GraphQLNamedType,
  GraphQLOutputType,
  GraphQLSchema,
  isCompositeType,
  isListType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
  valueFromASTUntyped,
} from 'graphql';

/** Operation limits, on by default (see README "Limits"). */
export interface OperationLimits {
  maxDepth: number;
  /** depth allowed below __schema and __type */
  maxIntrospectionDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  /** the size assumed for a list without a `first` argument */
  assumedListSize: number;
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
};

const CONNECTION_DEFAULT_PAGE = 50;

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

/**
 * Demand control: every field that returns an object costs 1, times the sizes of the lists around it.
 * A connection counts `first` items (50 by default), any other list `assumedListSize`.
 */
export function costLimitRule(
  limits: OperationLimits,
  variables: () => Record<string, unknown> | undefined,
): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(op: OperationDefinitionNode) {
      const cost = operationCost(
        context.getSchema(),
        context.getDocument().definitions,
        op,
        limits,
        variables() ?? {},
      );
      if (cost > limits.maxCost) {
        context.reportError(
          limitError(
            'COST_LIMIT_EXCEEDED',
            `operation cost ${cost} exceeds the limit of ${limits.maxCost}; ask for smaller pages ("first") or fewer nested lists`,
          ),
        );
      }
    },
  });
}

export function operationCost(
  schema: GraphQLSchema,
  definitions: readonly { kind: Kind }[],
  op: OperationDefinitionNode,
  limits: OperationLimits,
  variables: Record<string, unknown>,
): number {
  const fragments = Object.fromEntries(
    definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const root =
    op.operation === OperationTypeNode.QUERY
      ? schema.getQueryType()
      : op.operation === OperationTypeNode.MUTATION
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return 0;
  let total = 0;
  const visit = (
    selectionSet: SelectionSetNode,
    parentType: GraphQLNamedType | undefined,
    multiplier: number,
    seen: Set<string>,
  ) => {
    for (const sel of selectionSet.selections) {
      if (sel.kind === Kind.FIELD) {
        const fields = parentType && 'getFields' in parentType ? parentType.getFields() : {};
        const def = (fields as Record<string, { type: GraphQLOutputType }>)[sel.name.value];
        if (!def || !sel.selectionSet) continue;
        const itemType: GraphQLNamedType = getNamedType(def.type);
        const first = sel.arguments?.find((a) => a.name.value === 'first');
        const firstValue = first ? Number(valueFromASTUntyped(first.value, variables)) : NaN;
        const connection = itemType.name.endsWith('Connection');
        const size =
          Number.isFinite(firstValue) && firstValue >= 0
            ? firstValue
            : connection
              ? CONNECTION_DEFAULT_PAGE
              : isListType(getNullableType(def.type))
                ? limits.assumedListSize
                : 1;
        if (isCompositeType(itemType)) total += multiplier;
        // a connection's size applies to what its edges and nodes select: they are not lists of their own
        const insideConnection = parentType?.name.endsWith('Connection') ?? false;
        const multiplies = connection || (isListType(getNullableType(def.type)) && !insideConnection);
        visit(sel.selectionSet, itemType, multiplies ? multiplier * Math.max(size, 1) : multiplier, seen);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const t = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parentType;
        visit(sel.selectionSet, (t as GraphQLNamedType | undefined) ?? parentType, multiplier, seen);
      } else {
        const frag = fragments[sel.name.value];
        if (!frag || seen.has(frag.name.value)) continue;
        visit(
          frag.selectionSet,
          schema.getType(frag.typeCondition.name.value) ?? parentType,
          multiplier,
          new Set([...seen, frag.name.value]),
        );
      }
    }
  };
  visit(op.selectionSet, root, 1, new Set());
  return total;
}
