/**
 * A size-bounded memo for compiled regexes, parsed expressions and templates: filters
 * run thousands of times per second with the same few patterns, so compiling once pays.
 */

/** A Map that forgets its oldest entry once it holds `capacity` entries. */
export class BoundedCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {
    if (!(capacity > 0)) throw new Error(`cache capacity must be positive, got ${capacity}`);
  }

  /** The cached value for `key`, computing and storing it with `compute` when absent. */
  getOrCompute(key: string, compute: (key: string) => V): V {
    const hit = this.entries.get(key);
    if (hit !== undefined || this.entries.has(key)) return hit as V;
    const value = compute(key);
    if (this.entries.size >= this.capacity) {
      // Map iterates in insertion order: the first key is the oldest.
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    this.entries.set(key, value);
    return value;
  }

  /** Number of cached entries. */
  get size(): number {
    return this.entries.size;
  }
}
