import { Config } from '../common/config';
import { recordChange } from '../common/curation/curation';
import { CurationJournal, journalTarget } from '../common/curation/journal';
import { applyChanges } from './apply-changes';
import type { SurveyData } from './schema';
import { loadSurveyData } from './validate';

/** What the stores are built from: data/, and the journal's applied changes up to `head`. */
export interface CuratedGraph {
  data: SurveyData;
  /** the seq of the last applied change in it (0: data/ alone) */
  head: number;
}

/**
 * The graph as it stands now: data/ with every approved curation change replayed over it. Seeding,
 * export and the stores read it from here, so a rebuild from data/ keeps what curators changed.
 */
export async function loadCuratedGraph(config: Config): Promise<CuratedGraph> {
  const base = loadSurveyData(config.dataDir);
  const journal = await CurationJournal.open(journalTarget(config));
  try {
    const applied = await journal.applied();
    const head = applied.length > 0 ? applied[applied.length - 1].seq! : 0;
    return { data: applyChanges(base, applied.map(recordChange)), head };
  } finally {
    await journal.close();
  }
}

export async function loadCuratedData(config: Config): Promise<SurveyData> {
  return (await loadCuratedGraph(config)).data;
}

/** The seq of the journal's last applied change (0 with none). */
export async function journalHead(config: Config): Promise<number> {
  const journal = await CurationJournal.open(journalTarget(config));
  try {
    return await journal.head();
  } finally {
    await journal.close();
  }
}

/** The journal head a store digest names (0 for data/ alone); null for no digest. */
export function headOfDigest(digest: string): number | null {
  if (digest.trim() === '') return null;
  const named = / journal (\d+)/.exec(digest);
  return named ? Number(named[1]) : 0;
}

/** A store digest that also names the journal's head: a store built before an approval is rebuilt. */
export function withJournal(digest: string, head: number): string {
  return head === 0 ? digest : `${digest} journal ${head}`;
}
