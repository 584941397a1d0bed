/** The comparisons of Table I whose large model beats the prior art by more than 10% of the baseline. */
export const BEATS_BY_TEN_PERCENT = [
  'esmfold-vs-alphafold2-casp14-tm-score',
  'xtrimopglm-vs-ankh-flip-database-spearman-score',
  'sam-vs-mask-rcnn-isic-2018-dice',
  'med-palm-2-vs-pubmedbert-medqa-accuracy',
  'gpt-4-vs-gpt-3-5-usmle-sample-exam-accuracy',
  'pangu-weather-vs-operational-ifs-era5-rmse',
];
