import { Config } from '../common/config';
import type { SurveyData } from './schema';
import { loadSurveyData } from './validate';

/**
 * The graph as it stands now: data/ with every approved curation change applied. Export and seeding
 * read it from here, so what they write is what queries answer.
 */
export function loadCuratedData(config: Config): Promise<SurveyData> {
  return Promise.resolve(loadSurveyData(config.dataDir));
}
