import {
  getNamedType,
  GraphQLInputObjectType,
  GraphQLSchema,
  isInputObjectType,
  OperationDefinitionNode,
  typeFromAST,
} from 'graphql';

// graphql-jit generates the coercion of a variable by unfolding its input type, without end for a type
// that contains itself (every `where` input does): seconds of CPU, then a stack overflow and the usual
// executor anyway. Such operations go to the usual executor directly.

const bySchema = new WeakMap<GraphQLSchema, Map<string, boolean>>();

/** Whether an input object type reaches itself or another type that does, through its fields. */
function recursive(type: GraphQLInputObjectType, known: Map<string, boolean>): boolean {
  const onPath = new Set<string>();
  const visit = (t: GraphQLInputObjectType): boolean => {
    const done = known.get(t.name);
    if (done !== undefined) return done;
    if (onPath.has(t.name)) return true;
    onPath.add(t.name);
    let found = false;
    for (const field of Object.values(t.getFields())) {
      const named = getNamedType(field.type);
      if (isInputObjectType(named) && visit(named)) found = true;
    }
    onPath.delete(t.name);
    // either answer holds wherever the walk started: true reaches a cycle, false reaches none
    known.set(t.name, found);
    return found;
  };
  return visit(type);
}

/** Whether one of the operation's variables has an input type that contains itself. */
export function takesRecursiveInput(schema: GraphQLSchema, operation: OperationDefinitionNode): boolean {
  let known = bySchema.get(schema);
  if (!known) bySchema.set(schema, (known = new Map<string, boolean>()));
  return (operation.variableDefinitions ?? []).some((v) => {
    const type = typeFromAST(schema, v.type as never);
    const named = type && getNamedType(type);
    return !!named && isInputObjectType(named) && recursive(named, known);
  });
}
