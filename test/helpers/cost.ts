/** datasets(first: n), each with usedToTrain(first: n): costs 1 + n × (1 + 1 + n) */
export const PAGES =
  'query Pages($n: Int) { datasets(first: $n) { nodes { usedToTrain(first: $n) { nodes { name } } } } }';
export const pagesCost = (n: number) => 1 + n * (1 + 1 + n);

/** Seven sectors, ten tasks each, ten results each, and what each result names: a query that must pass. */
export const SECTOR_RESULTS = `{ sectors { name tasks(first: 10) { totalCount nodes { name results(first: 10) { nodes { display setting
  metric { name } dataset { name access }
  model { name type parameters { display } trainedOn { name access citations { number } } } } } } } } }`;
