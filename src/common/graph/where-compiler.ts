import { badInput } from '../errors';
import { escapeLike, LIKE_ESCAPE, matchText } from '../text-match';
import { FIELD_RELATIONS, FieldRelation, NodeType } from './graph-relations';

/** SQL with named parameters (TypeORM's `:name` and `(:...name)`). */
export interface SqlFragment {
  sql: string;
  params: Record<string, unknown>;
}

/** How deep `where` inputs may nest (each relation or NOT/AND/OR is a level) and how many tests one holds. */
export const MAX_WHERE_DEPTH = 12;
export const MAX_WHERE_TERMS = 100;
export const MAX_IN_VALUES = 500;
/**
 * How many relations one chain of a `where` may go through (a model's results' dataset's evaluations is
 * three): each is a set of ids to compute, or a lookup per row of the one before (none, all).
 */
export const MAX_WHERE_HOPS = 4;

type Spec =
  | { kind: 'string' | 'float' | 'int' | 'enum' | 'bool'; column: string }
  | { kind: 'quantity' }
  | { kind: 'values'; field: string }
  | { kind: 'one' | 'many' | 'has'; relation: string };

const str = (column: string): Spec => ({ kind: 'string', column });
const rel = (relation: string): Spec => ({ kind: 'many', relation });
const one = (relation: string): Spec => ({ kind: 'one', relation });
const SLUG_NAME = { slug: str('slug'), name: str('name') };

/** Each `where` field of each type: a column of graph_nodes, several values, or a relation. */
const FIELDS: Record<NodeType, Record<string, Spec>> = {
  Sector: { ...SLUG_NAME, section: str('section') },
  Model: {
    ...SLUG_NAME,
    type: { kind: 'enum', column: 'model_type' },
    access: { kind: 'enum', column: 'access' },
    parameters: { kind: 'quantity' },
    sectors: rel('sectors'),
    trainedOn: rel('trainedOn'),
    results: rel('results'),
    citations: rel('citations'),
    risks: rel('risks'),
  },
  Dataset: {
    ...SLUG_NAME,
    access: { kind: 'enum', column: 'access' },
    size: { kind: 'quantity' },
    modality: { kind: 'values', field: 'modality' },
    sector: one('sector'),
    usedToTrain: rel('usedToTrain'),
    evaluations: rel('evaluations'),
    citations: rel('citations'),
    risks: rel('risks'),
  },
  Task: { ...SLUG_NAME, sector: one('sector'), results: rel('results'), citations: rel('citations') },
  Metric: { ...SLUG_NAME, higherIsBetter: { kind: 'bool', column: 'higher_is_better' } },
  Result: {
    value: { kind: 'float', column: 'value' },
    setting: str('setting'),
    model: one('model'),
    task: one('task'),
    metric: one('metric'),
    dataset: one('dataset'),
    hasDataset: { kind: 'has', relation: 'dataset' },
  },
  Comparison: {
    task: one('task'),
    metric: one('metric'),
    dataset: one('dataset'),
    baseline: one('baseline'),
    challenger: one('challenger'),
    improvement: { kind: 'float', column: 'improvement' },
    relativeImprovement: { kind: 'float', column: 'relative_improvement' },
  },
  Risk: {
    ...SLUG_NAME,
    models: rel('models'),
    datasets: rel('datasets'),
    sectors: rel('sectors'),
    mitigations: rel('mitigations'),
    citations: rel('citations'),
  },
  Mitigation: { name: str('name'), citations: rel('citations') },
  Citation: {
    number: { kind: 'int', column: 'number' },
    label: str('label'),
    section: { kind: 'values', field: 'section' },
    supportsModels: rel('supportsModels'),
    supportsDatasets: rel('supportsDatasets'),
    supportsTasks: rel('supportsTasks'),
    supportsRisks: rel('supportsRisks'),
  },
};

type Input = Record<string, unknown>;
const TRUE = '1 = 1';
const FALSE = '1 = 0';
const and = (parts: string[]) =>
  parts.length === 0 ? TRUE : parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`;
const or = (parts: string[]) =>
  parts.length === 0 ? FALSE : parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
const present = (v: unknown): boolean => v !== null && v !== undefined;

/**
 * Compiles `where` inputs into SQL over the graph projection (graph_nodes, graph_edges, graph_values):
 * relation quantifiers become EXISTS / NOT EXISTS subqueries, so one list is one statement whatever
 * the nesting. Every test is two-valued (a missing value is false, never NULL), so that NOT matches
 * exactly what its operand does not. Values are bound parameters; only names from the tables above
 * reach the SQL text.
 */
export class WhereCompiler {
  readonly params: Record<string, unknown> = {};
  private counter = 0;
  private terms = 0;
  private hops = 0;
  // while compiling the condition of a correlated hop (a few rows per outer row, read by its index)
  private inHop = false;

  /** `prefix` keeps this compiler's parameter names apart from the rest of a statement's */
  constructor(private readonly prefix = 'w') {}

  /** A condition on the graph_nodes row `alias` (of `type`); TRUE for an empty or absent input. */
  condition(type: NodeType, where: unknown, alias: string, depth = 0): string {
    if (!present(where)) return TRUE;
    if (depth > MAX_WHERE_DEPTH)
      throw badInput(`"where" may nest at most ${MAX_WHERE_DEPTH} levels`, {
        argument: 'where',
        max: MAX_WHERE_DEPTH,
      });
    const input = where as Input;
    const parts: string[] = [];
    for (const [field, value] of Object.entries(input)) {
      if (!present(value)) continue;
      this.count();
      if (field === 'AND')
        parts.push(and((value as Input[]).map((w) => this.condition(type, w, alias, depth + 1))));
      else if (field === 'OR')
        parts.push(or((value as Input[]).map((w) => this.condition(type, w, alias, depth + 1))));
      else if (field === 'NOT') parts.push(`NOT ${this.condition(type, value, alias, depth + 1)}`);
      else parts.push(this.field(type, field, value, alias, depth));
    }
    return and(parts);
  }

  /** The ids of the `type` entities that match: a subquery for `id IN (...)`. */
  ids(type: NodeType, where: unknown): string {
    const g = this.alias('g');
    return `SELECT ${g}.id FROM graph_nodes ${g} WHERE ${g}.type = '${type}' AND ${this.condition(type, where, g)}`;
  }

  /** How many entities `field` relates the row `alias` to (a sort key or an aggregate). */
  relationCount(type: NodeType, field: string, idExpression: string): string {
    const r = FIELD_RELATIONS[type][field];
    if (!r) throw new Error(`${type} has no relation ${field}`);
    return `(SELECT COUNT(*) ${this.related(r, idExpression, this.alias('t')).from})`;
  }

  private field(type: NodeType, field: string, value: unknown, alias: string, depth: number): string {
    const spec = FIELDS[type][field];
    if (!spec) throw badInput(`"where" has no field ${field} on ${type}`, { argument: 'where' });
    const v = value as Input;
    switch (spec.kind) {
      case 'string':
        return this.stringTest(`${alias}.${spec.column}`, v, `${type}.${field}`);
      case 'float':
      case 'int':
        return this.numberTest(`${alias}.${spec.column}`, v);
      case 'enum':
        return this.enumTest(`${alias}.${spec.column}`, v);
      case 'bool':
        return `${alias}.${spec.column} = ${value ? 1 : 0}`;
      case 'quantity':
        return and([
          present(v.value) ? this.numberTest(`${alias}.quantity_value`, v.value as Input) : TRUE,
          present(v.bound) ? this.enumTest(`${alias}.quantity_bound`, v.bound as Input) : TRUE,
        ]);
      case 'values':
        return this.valuesTest(spec.field, v, alias, `${type}.${field}`);
      case 'has': {
        const r = FIELD_RELATIONS[type][spec.relation];
        const exists = `EXISTS (SELECT 1 ${this.related(r, `${alias}.id`, this.alias('t')).from})`;
        return value ? exists : `NOT ${exists}`;
      }
      case 'one':
        return this.reaches(FIELD_RELATIONS[type][spec.relation], value, alias, depth);
      case 'many':
        return this.quantifier(FIELD_RELATIONS[type][spec.relation], v, alias, depth);
    }
  }

  /**
   * The row `alias` is related through `r` to an entity that matches `where`. On the filtered row itself,
   * a correlated EXISTS: a first page stops reading rows once it is full. Further along a chain, the ids
   * of every row that matches, computed once per statement (`IN (subquery)`): correlated there, each
   * relation would be read again for every row of the one before, and the work would be the product of
   * the relations' sizes instead of their sum.
   */
  private reaches(r: FieldRelation, where: unknown, alias: string, depth: number): string {
    const t = this.alias('t');
    if (this.hops === 0) return this.hop(r, where, alias, t, depth, false);
    const e = this.alias('e');
    const [self, other] = r.direction === 'out' ? ['from_id', 'to_id'] : ['to_id', 'from_id'];
    // In a correlated hop the row's few edges are read by their index and each is looked up in the
    // set; `|| ''` keeps SQLite from reading the set's every id through that index instead (once per
    // outer row). A set built inside a set may drive the lookups: it is read once.
    const probe = this.inHop ? `${alias}.id || ''` : `${alias}.id`;
    const test = this.within(false, () => this.through(() => this.condition(r.target, where, t, depth + 1)));
    return `${probe} IN (SELECT ${e}.${self} FROM graph_edges ${e} JOIN graph_nodes ${t} ON ${t}.id = ${e}.${other} WHERE ${e}.relation = '${r.relation}' AND ${t}.type = '${r.target}' AND ${test})`;
  }

  /** EXISTS of an entity `r` relates the row `alias` to that matches `where` (or, `negate`d, does not). */
  private hop(r: FieldRelation, where: unknown, alias: string, t: string, depth: number, negate: boolean) {
    const test = this.within(true, () => this.through(() => this.condition(r.target, where, t, depth + 1)));
    return `EXISTS (SELECT 1 ${this.related(r, `${alias}.id`, t).from} AND ${negate ? `NOT ${test}` : test})`;
  }

  private within<T>(inHop: boolean, build: () => T): T {
    const outer = this.inHop;
    this.inHop = inHop;
    try {
      return build();
    } finally {
      this.inHop = outer;
    }
  }

  private quantifier(r: FieldRelation, q: Input, alias: string, depth: number): string {
    const parts: string[] = [];
    // none and all stay correlated, one relation from their row (a NOT IN over a large set is slow on
    // PostgreSQL once it outgrows work_mem); what they test further along uses the sets of `reaches`
    const subquery = (where: unknown, negate: boolean) =>
      this.hop(r, where, alias, this.alias('t'), depth, negate);
    if (present(q.some)) parts.push(this.reaches(r, q.some, alias, depth));
    if (present(q.none)) parts.push(`NOT ${subquery(q.none, false)}`);
    if (present(q.all)) parts.push(`NOT ${subquery(q.all, true)}`);
    if (present(q.count)) {
      const t = this.alias('t');
      parts.push(
        this.numberTest(`(SELECT COUNT(*) ${this.related(r, `${alias}.id`, t).from})`, q.count as Input),
      );
    }
    return and(parts);
  }

  /** FROM ... WHERE of the entities `r` relates the entity `id` to, the target row aliased `t`. */
  private related(r: FieldRelation, id: string, t: string): { from: string } {
    const e = this.alias('e');
    const [self, other] = r.direction === 'out' ? ['from_id', 'to_id'] : ['to_id', 'from_id'];
    return {
      from: `FROM graph_edges ${e} JOIN graph_nodes ${t} ON ${t}.id = ${e}.${other} WHERE ${e}.relation = '${r.relation}' AND ${e}.${self} = ${id} AND ${t}.type = '${r.target}'`,
    };
  }

  private stringTest(column: string, p: Input, argument: string): string {
    const parts: string[] = [];
    if (present(p.eq)) parts.push(`(${column} IS NOT NULL AND ${column} = ${this.param(p.eq)})`);
    if (present(p.in)) parts.push(this.inTest(column, p.in as unknown[]));
    if (present(p.contains)) parts.push(this.likeTest(column, `%${this.pattern(p.contains, argument)}%`));
    if (present(p.startsWith)) parts.push(this.likeTest(column, `${this.pattern(p.startsWith, argument)}%`));
    if (present(p.isNull)) parts.push(`${column} IS ${p.isNull ? '' : 'NOT '}NULL`);
    return and(parts);
  }

  private numberTest(column: string, p: Input): string {
    const parts: string[] = [];
    const ops: [string, string][] = [
      ['eq', '='],
      ['gt', '>'],
      ['gte', '>='],
      ['lt', '<'],
      ['lte', '<='],
    ];
    for (const [key, op] of ops)
      if (present(p[key])) parts.push(`(${column} IS NOT NULL AND ${column} ${op} ${this.param(p[key])})`);
    if (present(p.in)) parts.push(this.inTest(column, p.in as unknown[]));
    if (present(p.isNull)) parts.push(`${column} IS ${p.isNull ? '' : 'NOT '}NULL`);
    return and(parts);
  }

  private enumTest(column: string, p: Input): string {
    return this.numberTest(column, p);
  }

  /** A text field with several values matches when one of them does; isNull: true when it has none. */
  private valuesTest(field: string, p: Input, alias: string, argument: string): string {
    const v = this.alias('v');
    const exists = (test: string) =>
      `EXISTS (SELECT 1 FROM graph_values ${v} WHERE ${v}.node_id = ${alias}.id AND ${v}.field = '${field}' AND ${test})`;
    const { isNull, ...rest } = p;
    const parts: string[] = [];
    if (Object.values(rest).some(present)) parts.push(exists(this.stringTest(`${v}.value`, rest, argument)));
    if (present(isNull)) parts.push(isNull ? `NOT ${exists(TRUE)}` : exists(TRUE));
    return and(parts);
  }

  private inTest(column: string, values: unknown[]): string {
    if (values.length > MAX_IN_VALUES)
      throw badInput(`"in" may list at most ${MAX_IN_VALUES} values, got ${values.length}`, {
        argument: 'where',
        max: MAX_IN_VALUES,
      });
    if (values.length === 0) return FALSE;
    return `(${column} IS NOT NULL AND ${column} IN (:...${this.name(values)}))`;
  }

  private likeTest(column: string, pattern: string): string {
    return `(${column} IS NOT NULL AND LOWER(${column}) LIKE ${this.param(pattern)} ${LIKE_ESCAPE})`;
  }

  private pattern(value: unknown, argument: string): string {
    return escapeLike(matchText(String(value), `where.${argument}`).toLowerCase());
  }

  private through(build: () => string): string {
    if (++this.hops > MAX_WHERE_HOPS) {
      this.hops = 0;
      throw badInput(`"where" may go through at most ${MAX_WHERE_HOPS} relations in one chain`, {
        argument: 'where',
        max: MAX_WHERE_HOPS,
      });
    }
    try {
      return build();
    } finally {
      this.hops--;
    }
  }

  private count(): void {
    if (++this.terms > MAX_WHERE_TERMS)
      throw badInput(`"where" may hold at most ${MAX_WHERE_TERMS} tests`, {
        argument: 'where',
        max: MAX_WHERE_TERMS,
      });
  }

  private alias(kind: string): string {
    return `${this.prefix}${kind}${++this.counter}`;
  }

  private name(value: unknown): string {
    const name = `${this.prefix}p${++this.counter}`;
    this.params[name] = value;
    return name;
  }

  private param(value: unknown): string {
    return `:${this.name(value)}`;
  }
}

/**
 * The condition that the row whose id is `idColumn` matches `where`, or null when the input selects
 * everything. Correlated (a primary-key lookup per row) rather than `IN (all matching ids)`, so that a
 * first page in an index's order reads rows until the page is full instead of matching the whole table.
 */
export function whereRestriction(
  type: NodeType,
  where: unknown,
  idColumn: string,
  prefix = 'w',
): SqlFragment | null {
  if (!present(where) || Object.values(where as Input).every((v) => !present(v))) return null;
  const compiler = new WhereCompiler(prefix);
  const g = `${prefix}g0`;
  const condition = compiler.condition(type, where, g);
  return {
    sql: `EXISTS (SELECT 1 FROM graph_nodes ${g} WHERE ${g}.id = ${idColumn} AND ${g}.type = '${type}' AND ${condition})`,
    params: compiler.params,
  };
}
