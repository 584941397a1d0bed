import { ConstDirectiveNode, DocumentNode, Kind, parse, print, visit } from 'graphql';
import { supergraphSubgraphs } from './compose';

/** Where each field of a supergraph can be resolved, read off its `@join__*` directives. */
export interface SupergraphJoins {
  /** type name → subgraph name → the key fields of that type's first resolvable `@key` there (absent: not an entity there) */
  keys: Map<string, Map<string, string[]>>;
  /** type name → subgraph name → the key fields of each resolvable `@key` there */
  keySets: Map<string, Map<string, string[][]>>;
  /** type name → the subgraphs that define it, in supergraph order (where its objects can come from) */
  types: Map<string, string[]>;
  /** `Type.field` → the subgraphs that resolve it, in supergraph order */
  resolvers: Map<string, string[]>;
  /** `Type.field@subgraph` → the fields that subgraph requires of the entity to resolve it */
  requires: Map<string, string[]>;
  /** what this reading does not cover; empty when every field can be resolved from these tables */
  unsupported: string[];
}

const argOf = (d: ConstDirectiveNode, name: string) => d.arguments?.find((a) => a.name.value === name)?.value;
const stringArg = (d: ConstDirectiveNode, name: string) => {
  const v = argOf(d, name);
  return v?.kind === Kind.STRING ? v.value : undefined;
};
const boolArg = (d: ConstDirectiveNode, name: string) => {
  const v = argOf(d, name);
  return v?.kind === Kind.BOOLEAN ? v.value : undefined;
};
const enumArg = (d: ConstDirectiveNode, name: string) => {
  const v = argOf(d, name);
  return v?.kind === Kind.ENUM ? v.value : undefined;
};
const directivesNamed = (node: { directives?: readonly ConstDirectiveNode[] }, name: string) =>
  (node.directives ?? []).filter((d) => d.name.value === name);

/** A field set of plain field names ("id", "modelIds datasetIds"); nested selections are not read. */
function flatFieldSet(set: string, where: string, unsupported: string[]): string[] {
  if (/[{}(@.]/.test(set)) unsupported.push(`${where}: field set "${set}" selects below the entity`);
  return set.split(/[\s,]+/).filter(Boolean);
}

/**
 * The `@join__*` directives, and their arguments, that this reading implements. Anything else a supergraph
 * uses (`@provides`, progressive `@override` labels, `@fromContext`, `@join__directive`, a directive or an
 * argument of a newer join spec) is refused by name: it would otherwise be read as if it were not there.
 */
const IMPLEMENTED: Record<string, readonly string[]> = {
  join__graph: ['name', 'url'],
  join__type: ['graph', 'key', 'extension', 'resolvable', 'isInterfaceObject'],
  join__field: ['graph', 'requires', 'external', 'usedOverridden', 'override', 'type'],
  join__implements: ['graph', 'interface'],
  join__unionMember: ['graph', 'member'],
  join__enumValue: ['graph'],
};
const FEATURE: Record<string, string> = {
  provides: '@provides',
  overrideLabel: 'a progressive @override (override label)',
  contextArguments: '@fromContext (context arguments)',
  join__directive: '@join__directive',
};

/** What of the join spec `document` uses beyond IMPLEMENTED, where it uses it. */
function unimplemented(document: DocumentNode): string[] {
  const found: string[] = [];
  const at: string[] = [];
  const enter = (node: { name?: { value: string } }) => {
    at.push(node.name?.value ?? '');
  };
  const leave = () => {
    at.pop();
  };
  visit(document, {
    ObjectTypeDefinition: { enter, leave },
    InterfaceTypeDefinition: { enter, leave },
    InputObjectTypeDefinition: { enter, leave },
    UnionTypeDefinition: { enter, leave },
    EnumTypeDefinition: { enter, leave },
    ScalarTypeDefinition: { enter, leave },
    FieldDefinition: { enter, leave },
    InputValueDefinition: { enter, leave },
    EnumValueDefinition: { enter, leave },
    Directive(d) {
      const name = d.name.value;
      if (!name.startsWith('join__')) return;
      const where = at.filter(Boolean).join('.') || 'schema';
      const allowed = IMPLEMENTED[name];
      if (!allowed) {
        found.push(`${where}: ${FEATURE[name] ?? `@${name}`}`);
        return;
      }
      for (const arg of d.arguments ?? []) {
        if (!allowed.includes(arg.name.value))
          found.push(`${where}: ${FEATURE[arg.name.value] ?? `@${name}(${arg.name.value}:)`}`);
      }
    },
  });
  return [...new Set(found)];
}

export function readSupergraphJoins(supergraph: string | DocumentNode): SupergraphJoins {
  const document = typeof supergraph === 'string' ? parse(supergraph) : supergraph;
  const graphName = new Map(
    supergraphSubgraphs(typeof supergraph === 'string' ? supergraph : document).map((g) => [g.graph, g.name]),
  );
  const joins: SupergraphJoins = {
    keys: new Map(),
    keySets: new Map(),
    types: new Map(),
    resolvers: new Map(),
    requires: new Map(),
    unsupported: unimplemented(document),
  };
  for (const def of document.definitions) {
    // a scalar of several subgraphs may serialize differently in each: one process would use one
    if (def.kind === Kind.SCALAR_TYPE_DEFINITION) {
      const graphs = new Set(directivesNamed(def, 'join__type').map((d) => enumArg(d, 'graph')));
      if (graphs.size > 1)
        joins.unsupported.push(`scalar ${def.name.value}: defined in ${graphs.size} subgraphs`);
    }
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const type = def.name.value;
    const typeGraphs: string[] = [];
    const keys = new Map<string, string[]>();
    const keySets = new Map<string, string[][]>();
    for (const d of directivesNamed(def, 'join__type')) {
      const graph = graphName.get(enumArg(d, 'graph') ?? '');
      if (!graph) continue;
      if (!typeGraphs.includes(graph)) typeGraphs.push(graph);
      if (boolArg(d, 'isInterfaceObject')) joins.unsupported.push(`${type}: @interfaceObject in ${graph}`);
      const key = stringArg(d, 'key');
      if (key && boolArg(d, 'resolvable') !== false) {
        const set = flatFieldSet(key, `${type} @key`, joins.unsupported);
        if (!keys.has(graph)) keys.set(graph, set);
        keySets.set(graph, [...(keySets.get(graph) ?? []), set]);
      }
    }
    if (def.kind === Kind.INTERFACE_TYPE_DEFINITION && keys.size)
      joins.unsupported.push(`${type}: an entity interface`);
    joins.keys.set(type, keys);
    joins.keySets.set(type, keySets);
    joins.types.set(type, typeGraphs);
    for (const field of def.fields ?? []) {
      const name = `${type}.${field.name.value}`;
      const fieldJoins = directivesNamed(field, 'join__field');
      if (!fieldJoins.length) {
        joins.resolvers.set(name, typeGraphs);
        continue;
      }
      const graphs: string[] = [];
      for (const d of fieldJoins) {
        const graph = graphName.get(enumArg(d, 'graph') ?? '');
        if (!graph) {
          joins.unsupported.push(`${name}: @join__field without a graph`);
          continue;
        }
        if (boolArg(d, 'external') || boolArg(d, 'usedOverridden')) continue;
        // the subgraph's own type of the field, when it differs (String! there, String here)
        const own = stringArg(d, 'type');
        if (own !== undefined && own !== print(field.type))
          joins.unsupported.push(`${name}: typed ${own} in ${graph}, ${print(field.type)} in the supergraph`);
        graphs.push(graph);
        const requires = stringArg(d, 'requires');
        if (requires)
          joins.requires.set(
            `${name}@${graph}`,
            flatFieldSet(requires, `${name} @requires`, joins.unsupported),
          );
      }
      joins.resolvers.set(name, graphs);
    }
  }
  const origins = originsOf(document, joins);
  for (const def of document.definitions) {
    if (def.kind === Kind.OBJECT_TYPE_DEFINITION && !ROOT_TYPES.has(def.name.value))
      joins.unsupported.push(...unreachableFields(joins, def, origins.get(def.name.value) ?? new Set()));
  }
  return joins;
}

/**
 * Type name → the subgraphs its objects can come from: those that define it and resolve a field whose
 * type is it, or an abstract type it is a member of (an entity call's answer resolves no further there).
 */
function originsOf(document: DocumentNode, joins: SupergraphJoins): Map<string, Set<string>> {
  const members = new Map<string, string[]>();
  const addMember = (abstract: string, type: string) =>
    members.set(abstract, [...(members.get(abstract) ?? []), type]);
  for (const def of document.definitions) {
    if (def.kind === Kind.UNION_TYPE_DEFINITION)
      for (const t of def.types ?? []) addMember(def.name.value, t.name.value);
    if (def.kind === Kind.OBJECT_TYPE_DEFINITION)
      for (const i of def.interfaces ?? []) addMember(i.name.value, def.name.value);
  }
  const origins = new Map<string, Set<string>>();
  for (const def of document.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    for (const field of def.fields ?? []) {
      let named = field.type;
      while (named.kind !== Kind.NAMED_TYPE) named = named.type;
      const graphs = joins.resolvers.get(`${def.name.value}.${field.name.value}`) ?? [];
      for (const type of [named.name.value, ...(members.get(named.name.value) ?? [])]) {
        const defined = joins.types.get(type);
        if (!defined) continue;
        const set = origins.get(type) ?? new Set<string>();
        for (const g of graphs) if (defined.includes(g)) set.add(g);
        origins.set(type, set);
      }
    }
  }
  return origins;
}

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * The subgraph and key by which an object of `type` that came from subgraph `from` is fetched from one
 * of `graphs` in one entity call: a resolvable key of theirs whose fields `from` resolves itself.
 */
export function entityEntry(
  joins: SupergraphJoins,
  type: string,
  from: string,
  graphs: readonly string[],
): { graph: string; key: string[] } | undefined {
  const resolvedIn = (field: string) => joins.resolvers.get(`${type}.${field}`)?.includes(from);
  for (const graph of graphs) {
    const key = joins.keySets
      .get(type)
      ?.get(graph)
      ?.find((set) => set.every(resolvedIn));
    if (key) return { graph, key };
  }
  return undefined;
}

/**
 * The fields of `type` that an object from some subgraph reaches only in more than one step (a key it
 * cannot give, another entity call first, or a shared root field asked again elsewhere): the planner
 * finds such paths, the one-process engine follows one entity call at most.
 */
function unreachableFields(
  joins: SupergraphJoins,
  def: { name: { value: string }; fields?: readonly { name: { value: string } }[] },
  origins: Set<string>,
): string[] {
  const type = def.name.value;
  const found: string[] = [];
  for (const field of (def.fields ?? []).map((f) => f.name.value)) {
    const graphs = joins.resolvers.get(`${type}.${field}`) ?? [];
    if (!graphs.length) {
      found.push(`${type}.${field}: no subgraph resolves it`);
      continue;
    }
    for (const from of origins) {
      if (!graphs.includes(from) && !entityEntry(joins, type, from, graphs))
        found.push(
          `${type}.${field}: a ${type} from ${from} reaches ${graphs.join(', ')} in more than one step (no key of theirs that ${from} resolves)`,
        );
    }
  }
  return found;
}
