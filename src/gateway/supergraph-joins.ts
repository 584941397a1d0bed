import { ConstDirectiveNode, DocumentNode, Kind, parse } from 'graphql';
import { supergraphSubgraphs } from './compose';

/** Where each field of a supergraph can be resolved, read off its `@join__*` directives. */
export interface SupergraphJoins {
  /** type name → subgraph name → the key fields of that type's resolvable `@key` there (absent: not an entity there) */
  keys: Map<string, Map<string, string[]>>;
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

export function readSupergraphJoins(supergraph: string | DocumentNode): SupergraphJoins {
  const document = typeof supergraph === 'string' ? parse(supergraph) : supergraph;
  const graphName = new Map(
    supergraphSubgraphs(typeof supergraph === 'string' ? supergraph : document).map((g) => [g.graph, g.name]),
  );
  const joins: SupergraphJoins = {
    keys: new Map(),
    resolvers: new Map(),
    requires: new Map(),
    unsupported: [],
  };
  for (const def of document.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const type = def.name.value;
    const typeGraphs: string[] = [];
    const keys = new Map<string, string[]>();
    for (const d of directivesNamed(def, 'join__type')) {
      const graph = graphName.get(enumArg(d, 'graph') ?? '');
      if (!graph) continue;
      if (!typeGraphs.includes(graph)) typeGraphs.push(graph);
      if (boolArg(d, 'isInterfaceObject')) joins.unsupported.push(`${type}: @interfaceObject in ${graph}`);
      const key = stringArg(d, 'key');
      if (key && boolArg(d, 'resolvable') !== false && !keys.has(graph))
        keys.set(graph, flatFieldSet(key, `${type} @key`, joins.unsupported));
    }
    if (def.kind === Kind.INTERFACE_TYPE_DEFINITION && keys.size)
      joins.unsupported.push(`${type}: an entity interface`);
    joins.keys.set(type, keys);
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
  return joins;
}
