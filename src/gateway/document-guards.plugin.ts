import { DocumentNode, FragmentDefinitionNode, Kind, SelectionSetNode } from 'graphql';
import { limitError } from './limits';

/**
 * How many fields an operation selects once its fragments are expanded, counted without expanding them:
 * each fragment is counted once and reused, so a fragment bomb (fragments spreading the next one twice,
 * twenty deep) costs twenty steps here, not a million.
 */
export function expandedFieldCount(document: DocumentNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const memo = new Map<string, number>();
  const count = (set: SelectionSetNode | undefined): number => {
    let total = 0;
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) total += 1 + count(sel.selectionSet);
      else if (sel.kind === Kind.INLINE_FRAGMENT) total += count(sel.selectionSet);
      else total += spread(sel.name.value);
    }
    return total;
  };
  const spread = (name: string): number => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const frag = fragments.get(name);
    // a cycle counts as nothing here; validation refuses it
    memo.set(name, 0);
    const value = frag ? count(frag.selectionSet) : 0;
    memo.set(name, value);
    return value;
  };
  let total = 0;
  for (const d of document.definitions)
    if (d.kind === Kind.OPERATION_DEFINITION) total += count(d.selectionSet);
  return total;
}

/**
 * Refuses a document whose fragments expand to more fields than `maxFields` before anything else looks at
 * it: validation, the depth and cost walkers and the query planner all work on the expanded selections.
 */
export function useExpansionLimit(maxFields: number) {
  return {
    onValidate({
      params,
      setResult,
    }: {
      params: { documentAST: DocumentNode };
      setResult: (errors: readonly Error[]) => void;
    }) {
      const fields = expandedFieldCount(params.documentAST);
      if (fields > maxFields) {
        setResult([
          limitError(
            'MAX_FIELDS_EXCEEDED',
            `operation selects ${fields} fields with its fragments expanded; the limit is ${maxFields}`,
          ),
        ]);
      }
    },
  };
}

/**
 * The parser is recursive: a document nesting a few thousand selection sets (still under the token limit)
 * exhausts the stack. That is the client's doing, so it gets a limit error instead of "Unexpected error.".
 */
export function useParseDepthGuard(maxDepth: number) {
  return {
    onParse() {
      return ({
        result,
        replaceParseResult,
      }: {
        result: unknown;
        replaceParseResult: (r: unknown) => void;
      }) => {
        if (result instanceof RangeError) {
          replaceParseResult(
            limitError(
              'MAX_DEPTH_EXCEEDED',
              `operation nests too deeply to be read; the depth limit is ${maxDepth}`,
            ),
          );
        }
      };
    },
  };
}
