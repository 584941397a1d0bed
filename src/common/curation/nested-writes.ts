import { mitigationSchema, MitigationRecord, RiskRecord, SurveyData } from '../../data/schema';
import { fromGlobalId, toGlobalId } from '../global-id';
import { ChangeOp } from './change.entity';
import { CURATED_KINDS } from './curation';
import type { WriteInput } from './curation.types';
import type { UserErrorValue } from './propose';
import { plain, recordFromInput, sourceRecord, writableKeys } from './record-input';
import {
  CurationContext,
  idKey,
  PlannedWrite,
  recordIn,
  submitWrite,
  VERB,
  WriteArgs,
  WriteResult,
} from './write-record';

// A mitigation is nested in its risk's record in data/risks.json, so a write of one is recorded as an
// UPDATE of that risk (entityType Risk): a mitigation's version is its risk's, and replaying the journal
// needs no second kind of change. Adding or removing a citation is likewise an UPDATE of the record
// whose `citations` it changes.

/** A mitigation and where it is: its risk and its place in the risk's list. */
export function mitigationIn(
  graph: SurveyData,
  slug: string,
): { risk: RiskRecord; index: number; mitigation: MitigationRecord } | null {
  for (const risk of graph.risks) {
    const index = risk.mitigations.findIndex((m) => m.slug === slug);
    if (index >= 0) return { risk, index, mitigation: risk.mitigations[index] };
  }
  return null;
}

/** A data/ field of the risk as the input field of its mitigation number `index`. */
const insideMitigation = (index: number) => (field: string) =>
  field.replace(new RegExp(`^mitigations\\.${index}\\.`), '');

const notFound = (errors: UserErrorValue[], field: string, message: string): null => {
  errors.push({ field: ['input', field], message, code: 'NOT_FOUND' });
  return null;
};

/** A create, update or retirement of a mitigation: an update of its risk's `mitigations`. */
export function writeMitigation(
  ctx: CurationContext,
  op: ChangeOp,
  input: WriteArgs & { risk?: string },
): Promise<WriteResult> {
  return submitWrite(ctx, input, (graph, errors): PlannedWrite | null => {
    const slug = op === ChangeOp.CREATE ? (input.slug ?? '') : idKey(input.id, 'Mitigation', errors);
    if (slug === null) return null;
    const found = mitigationIn(graph, slug);
    let place: { risk: RiskRecord; index: number; mitigation: MitigationRecord | null };
    if (op === ChangeOp.CREATE) {
      const riskSlug = idKey(input.risk, 'Risk', errors, ['input', 'risk']);
      if (riskSlug === null) return null;
      const risk = recordIn(graph, 'risks', riskSlug) as RiskRecord | null;
      if (!risk) return notFound(errors, 'risk', 'there is no such Risk');
      if (found) {
        errors.push({
          field: ['input', 'slug'],
          message: `a Mitigation with the slug "${slug}" exists already (of the risk ${found.risk.slug})`,
          code: 'DUPLICATE',
        });
        return null;
      }
      place = { risk, index: risk.mitigations.length, mitigation: null };
    } else if (!found) return notFound(errors, 'id', 'there is no such Mitigation');
    else place = found;
    const mitigations: object[] = [...place.risk.mitigations];
    if (op === ChangeOp.RETIRE) mitigations.splice(place.index, 1);
    else {
      const fields = plain(input);
      mitigations[place.index] = recordFromInput(
        writableKeys(mitigationSchema.shape),
        { citations: 'list' },
        { ...fields, slug },
        place.mitigation,
        errors,
      );
    }
    return {
      write: {
        op: ChangeOp.UPDATE,
        entityType: 'Risk',
        slug: place.risk.slug,
        // a new mitigation is made against the risk as it is now
        version: op === ChangeOp.CREATE ? undefined : input.version,
        after: { ...place.risk, mitigations },
        inputField: insideMitigation(place.index),
      },
      entityId: place.mitigation ? toGlobalId('Mitigation', slug) : null,
      title: `${VERB[op]} mitigation ${slug}`,
    };
  });
}

/** The types whose records have `citations`: a reference supports them. */
const CITING_TYPES = ['Task', 'Model', 'Dataset', 'Result', 'Risk', 'Mitigation'];

export interface CitationSupportArgs extends WriteInput {
  citation: string;
  entity: string;
  version: number;
  source?: { paper?: object | null; external?: object | null } | null;
}

/**
 * Adds a citation number to an entity's `citations`, or removes it: an UPDATE of the entity's record
 * (of its risk's, for a mitigation), made against the entity's version. A source, when given, replaces
 * the record's, as an update's does.
 */
export function changeCitationSupport(
  ctx: CurationContext,
  add: boolean,
  input: CitationSupportArgs,
): Promise<WriteResult> {
  return submitWrite(ctx, input, (graph, errors): PlannedWrite | null => {
    const number = idKey(input.citation, 'Citation', errors, ['input', 'citation']);
    const entity = fromGlobalId(input.entity);
    if (!entity || !CITING_TYPES.includes(entity.type))
      errors.push({
        field: ['input', 'entity'],
        message: 'not the id of a task, model, dataset, result, risk or mitigation',
        code: 'INVALID',
      });
    if (number === null || !entity || errors.length > 0) return null;
    if (!recordIn(graph, 'citations', number))
      return notFound(errors, 'citation', 'there is no such Citation');
    const nested = entity.type === 'Mitigation' ? mitigationIn(graph, entity.key) : null;
    const record = nested ? nested.risk : recordIn(graph, CURATED_KINDS[entity.type], entity.key);
    if (!record || (entity.type === 'Mitigation' && !nested))
      return notFound(errors, 'entity', `there is no such ${entity.type}`);
    const cited = (nested ? nested.mitigation : record) as { citations: number[] };
    const n = Number(number);
    const has = cited.citations.includes(n);
    if (add === has) {
      errors.push({
        field: ['input', 'citation'],
        message: `[${n}] ${has ? 'supports' : 'does not support'} the ${entity.type} ${entity.key}${has ? ' already' : ''}`,
        code: has ? 'DUPLICATE' : 'NOT_FOUND',
      });
      return null;
    }
    const changed: Record<string, unknown> = {
      ...cited,
      citations: add ? [...cited.citations, n] : cited.citations.filter((c) => c !== n),
    };
    if (input.source != null) changed.source = sourceRecord(input.source, errors);
    const after = nested
      ? {
          ...nested.risk,
          mitigations: nested.risk.mitigations.map((m, i) => (i === nested.index ? changed : m)),
        }
      : changed;
    const inner = nested ? insideMitigation(nested.index) : (f: string) => f;
    return {
      write: {
        op: ChangeOp.UPDATE,
        entityType: nested ? 'Risk' : entity.type,
        slug: nested ? nested.risk.slug : entity.key,
        version: input.version,
        after,
        inputField: (f) => inner(f).replace(/^citations(\.\d+)?$/, 'citation'),
      },
      entityId: toGlobalId('Citation', n),
      title: `${add ? 'Add' : 'Remove'} citation [${n}] ${add ? 'to' : 'from'} ${entity.type.toLowerCase()} ${entity.key}`,
    };
  });
}
