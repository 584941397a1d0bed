import * as fs from 'fs';
import * as path from 'path';
import { extractCitations, formatCitations, readKnownNames } from './extract-citations';
import { readPaper } from './paper';

// npm run data:extract — regenerates data/citations.json from data/paper/survey.txt.
const root = path.resolve(__dirname, '../..');
const dataDir = path.join(root, 'data');

const { names, missing } = readKnownNames(dataDir);
for (const file of missing)
  console.warn(`warning: data/${file} does not exist yet; its names are not used for labels`);

const records = extractCitations(readPaper(dataDir), names);
fs.writeFileSync(path.join(dataDir, 'citations.json'), formatCitations(records));

const mentions = records.reduce((sum, r) => sum + r.mentions.length, 0);
const labelled = records.filter((r) => r.label !== null).length;
const uncited = records.filter((r) => r.mentions.length === 0).length;
console.log(
  `data/citations.json: ${records.length} records, ${mentions} mentions, ${labelled} labelled, ${uncited} never cited (${names.length} known names)`,
);
