// Test double for the browser's Web Storage API: a Map behind the Storage interface, with a
// quota counted like browsers do (key and value lengths in UTF-16 code units), throwing
// the same QuotaExceededError DOMException when a write does not fit.
export class MemoryStorage implements Storage {
  #items = new Map<string, string>();
  #quota: number;

  constructor(quota = 5_000_000) {
    this.#quota = quota;
  }

  get length(): number {
    return this.#items.size;
  }

  key(index: number): string | null {
    return [...this.#items.keys()][index] ?? null;
  }

  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    const used = this.used() -
      (this.#items.has(key) ? key.length + this.#items.get(key)!.length : 0);
    if (used + key.length + value.length > this.#quota) {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    }
    this.#items.set(key, String(value));
  }

  removeItem(key: string): void {
    this.#items.delete(key);
  }

  clear(): void {
    this.#items.clear();
  }

  /** Characters in use. */
  used(): number {
    let sum = 0;
    for (const [k, v] of this.#items) sum += k.length + v.length;
    return sum;
  }

  [name: string]: unknown;
}
