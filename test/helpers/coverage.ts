import {
  ConstDirectiveNode,
  DocumentNode,
  FragmentDefinitionNode,
  getNamedType,
  GraphQLCompositeType,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLSchema,
  isAbstractType,
  isCompositeType,
  isObjectType,
  Kind,
  ObjectTypeDefinitionNode,
  OperationDefinitionNode,
  SelectionSetNode,
  StringValueNode,
} from 'graphql';

/** What the supergraph says about an object type: whether it is an entity, and who resolves each field. */
export interface SupergraphFacts {
  /** object types with a @key in at least one subgraph */
  entities: Set<string>;
  /** "Type.field" -> the subgraphs resolving it (join__field graphs, else the type's join__type graphs) */
  owners: Map<string, string[]>;
  /** "Type.field" of every field with @requires */
  requires: Set<string>;
}

const argument = (d: ConstDirectiveNode, name: string) =>
  d.arguments?.find((a) => a.name.value === name)?.value;

/** Reads entities, field owners and @requires from a supergraph document's join__ directives. */
export function supergraphFacts(supergraph: DocumentNode): SupergraphFacts {
  const graphNames = new Map<string, string>();
  const facts: SupergraphFacts = { entities: new Set(), owners: new Map(), requires: new Set() };
  for (const def of supergraph.definitions)
    if (def.kind === Kind.ENUM_TYPE_DEFINITION && def.name.value === 'join__Graph')
      for (const value of def.values ?? []) {
        const name = value.directives?.find((d) => d.name.value === 'join__graph');
        graphNames.set(value.name.value, (name && (argument(name, 'name') as StringValueNode)?.value) || '');
      }
  const graph = (d: ConstDirectiveNode) => {
    const v = argument(d, 'graph');
    return v?.kind === Kind.ENUM ? (graphNames.get(v.value) ?? v.value) : '';
  };
  for (const def of supergraph.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const type: ObjectTypeDefinitionNode = def;
    const joinTypes = (type.directives ?? []).filter((d) => d.name.value === 'join__type');
    if (joinTypes.some((d) => argument(d, 'key'))) facts.entities.add(type.name.value);
    for (const field of type.fields ?? []) {
      const coordinate = `${type.name.value}.${field.name.value}`;
      const joins = (field.directives ?? []).filter((d) => d.name.value === 'join__field');
      const resolving = joins.filter((d) => {
        const external = argument(d, 'external');
        return !(external?.kind === Kind.BOOLEAN && external.value);
      });
      facts.owners.set(coordinate, (resolving.length > 0 ? resolving : joinTypes).map(graph));
      if (joins.some((d) => argument(d, 'requires'))) facts.requires.add(coordinate);
    }
  }
  return facts;
}

/** Whether a type is an entity or abstract, or a value object (a connection, an edge, ...) holding one. */
function reachesEntity(type: GraphQLNamedType, facts: SupergraphFacts, seen: string[] = []): boolean {
  if (isAbstractType(type) || facts.entities.has(type.name)) return true;
  if (!isObjectType(type) || seen.includes(type.name)) return false;
  return Object.values(type.getFields()).some((f) =>
    reachesEntity(getNamedType(f.type), facts, [...seen, type.name]),
  );
}

/**
 * The schema coordinates ("Type.field") of every field that returns an entity, an abstract type or a value
 * object holding one (a way of reaching an entity), and of every field with @requires: what the probe set
 * must reach.
 */
export function entityPaths(schema: GraphQLSchema, facts: SupergraphFacts): string[] {
  const paths: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      if (reachesEntity(getNamedType(field.type), facts) || facts.requires.has(coordinate))
        paths.push(coordinate);
    }
  }
  return paths;
}

/** Where one or more answers went: fields answered with a value, with a non-empty value, and concrete types. */
export class Reach {
  /** "Type.field" answered with a value other than null */
  readonly reached = new Set<string>();
  /** "Type.field" answered with a value other than null or [] */
  readonly populated = new Set<string>();
  /** for fields of an abstract type: the __typename of each object they answered */
  readonly concrete = new Map<string, Set<string>>();

  constructor(private readonly schema: GraphQLSchema) {}

  /** Follows an operation's selections through its answer's data; abstract objects need `__typename`. */
  add(document: DocumentNode, data: unknown): void {
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    const query = this.schema.getQueryType();
    if (!operation || !query || !isRecord(data)) return;
    const fragments = new Map(
      document.definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((f) => [f.name.value, f]),
    );
    this.walk(operation.selectionSet, query, data, fragments);
  }

  private objectType(type: GraphQLCompositeType, value: Record<string, unknown>): GraphQLObjectType {
    if (isObjectType(type)) return type;
    const concrete = typeof value.__typename === 'string' ? this.schema.getType(value.__typename) : undefined;
    if (!isObjectType(concrete))
      throw new Error(`an object of abstract type ${type.name} was answered without its __typename`);
    return concrete;
  }

  private applies(condition: string | undefined, type: GraphQLObjectType): boolean {
    if (!condition || condition === type.name) return true;
    const abstract = this.schema.getType(condition);
    return !!abstract && isAbstractType(abstract) && this.schema.isSubType(abstract, type);
  }

  private walk(
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    value: Record<string, unknown>,
    fragments: Map<string, FragmentDefinitionNode>,
  ): void {
    const type = this.objectType(parent, value);
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (this.applies(selection.typeCondition?.name.value, type))
          this.walk(selection.selectionSet, type, value, fragments);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment && this.applies(fragment.typeCondition.name.value, type))
          this.walk(fragment.selectionSet, type, value, fragments);
        continue;
      }
      const name = selection.name.value;
      const field = type.getFields()[name];
      if (!field) continue;
      const answer = value[selection.alias?.value ?? name];
      if (answer === null || answer === undefined) continue;
      const coordinate = `${type.name}.${name}`;
      this.reached.add(coordinate);
      const items = flatten(answer);
      if (!Array.isArray(answer) || items.length > 0) this.populated.add(coordinate);
      const target = getNamedType(field.type);
      if (!selection.selectionSet || !isCompositeType(target)) continue;
      for (const item of items) {
        if (!isRecord(item)) continue;
        if (isAbstractType(target)) {
          const seen = this.concrete.get(coordinate) ?? new Set<string>();
          seen.add(this.objectType(target, item).name);
          this.concrete.set(coordinate, seen);
        }
        this.walk(selection.selectionSet, target, item, fragments);
      }
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function flatten(value: unknown): unknown[] {
  return Array.isArray(value) ? value.flatMap(flatten) : [value];
}
