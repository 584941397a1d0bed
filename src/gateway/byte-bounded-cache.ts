/**
 * A least-recently-used cache of values derived from a text (a parsed document, a compiled query),
 * bounded by an estimate of the bytes the values hold rather than by their number: many small
 * documents or a few large ones, never more than `maxBytes` in all. A value is estimated at
 * `bytesPerChar` times its text's length unless its caller knows better; one over a tenth of the budget
 * is not kept at all.
 */
export class ByteBoundedCache<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private total = 0;

  constructor(
    readonly maxBytes: number,
    private readonly bytesPerChar: number,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // re-inserted: the map keeps least recently used first
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V, bytes = key.length * this.bytesPerChar): void {
    this.delete(key);
    if (bytes > this.maxBytes / 10) return;
    this.entries.set(key, { value, bytes });
    this.total += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.total -= entry.bytes;
    }
  }

  delete(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.total -= entry.bytes;
    return true;
  }

  /** the estimated bytes held now */
  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * What one character of a document costs once parsed and validated (its AST with the locations and
 * tokens errors point at, and the validation result keyed on it), measured at 86 bytes on a 5 kB
 * document of 800 fields and at 45 on documents of longer names. An estimate on the safe side.
 */
export const BYTES_PER_DOCUMENT_CHAR = 200;

/**
 * What one field of an operation costs once compiled by graphql-jit (the generated source, its
 * bytecode and closures), counted with fragments expanded: measured at 6.7 kB a field on a document of
 * 800 fields, so 5 kB of text can hold 5 MB compiled. An estimate on the safe side.
 */
export const BYTES_PER_COMPILED_FIELD = 8 * 1024;

/** The byte budget of each document cache: the parsed documents, and the compiled queries per schema: 64 MiB. */
export const DOCUMENT_CACHE_BYTES = 64 * 1024 * 1024;
