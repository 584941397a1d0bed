import { editDistance, nearestSlug, unknownSlugError } from '../../src/common/nearest-slug';

const SECTORS = [
  { slug: 'bioinformatics', name: 'Bioinformatics' },
  { slug: 'medical-diagnosis', name: 'Medical Diagnosis' },
  { slug: 'medical-imaging', name: 'Medical Imaging' },
  { slug: 'medical-informatics', name: 'Medical Informatics' },
];

describe('the nearest slug', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('esmfold', 'esm-fold')).toBe(1);
    expect(editDistance('rmse', 'rmes')).toBe(1);
    expect(editDistance('', 'dice')).toBe(4);
    expect(editDistance('dice', 'dice')).toBe(0);
  });

  it('matches names and slugified input, case-insensitively', () => {
    expect(nearestSlug('Medical Imaging', SECTORS)).toBe('medical-imaging');
    expect(nearestSlug('MEDICAL_IMAGING', SECTORS)).toBe('medical-imaging');
    expect(nearestSlug('medical-informatic', SECTORS)).toBe('medical-informatics');
    expect(nearestSlug('bio', SECTORS)).toBe('bioinformatics');
    expect(nearestSlug('anything', [])).toBeNull();
  });

  it('compares only the start of a long input (a 50,000-character slug costs what 64 characters do)', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ slug: `model-${i}`, name: `Model ${i}` }));
    expect(nearestSlug('medical-imaging' + 'x'.repeat(50_000), SECTORS)).toBe('medical-imaging');
    expect(nearestSlug('model-9999x', many)).toBe('model-9999');
  });

  it('is a BAD_USER_INPUT error naming the argument, the slug and the nearest', () => {
    const err = unknownSlugError('filter.sector', 'sector', 'Medical Imaging', 'medical-imaging');
    expect(err.message).toBe(
      'filter.sector: no sector has the slug "Medical Imaging"; the nearest is "medical-imaging"',
    );
    expect(err.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'filter.sector',
      slug: 'Medical Imaging',
      nearest: 'medical-imaging',
    });
  });
});
