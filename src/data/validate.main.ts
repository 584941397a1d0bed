import * as path from 'path';
import { loadSurveyData } from './validate';

const dataDir = path.resolve(__dirname, '../../data');
try {
  const data = loadSurveyData(dataDir);
  const counts = Object.entries(data).map(([k, v]) => `${(v as unknown[]).length} ${k}`);
  console.log(`data/ is valid: ${counts.join(', ')}`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
