// The order of elements in a shared document: each element carries a number and replicas
// sort by (number, id). A writer who wants a sequence keeps the longest run of elements that
// already stand in that order and gives only the others new numbers between their
// neighbours, so a reorder touches few elements and a concurrent one elsewhere survives.

/** Sorts by order, then by id (code-point order), the same in every replica. */
export function compareOrdered(ao: number, aid: string, bo: number, bid: string): number {
  if (ao !== bo) return ao < bo ? -1 : 1;
  return aid < bid ? -1 : aid > bid ? 1 : 0;
}

/** Gaps narrower than this are renumbered instead of split again. */
const MIN_GAP = 1e-9;

/**
 * New order numbers so that sorting yields `ids` in this sequence: [index, order] pairs for
 * the elements that need one. `current[i]` is the element's order now (undefined: none yet).
 */
export function assignOrders(
  ids: readonly string[],
  current: readonly (number | undefined)[],
): [number, number][] {
  const n = ids.length;
  if (!n) return [];
  const less = (i: number, j: number) =>
    compareOrdered(current[i]!, ids[i], current[j]!, ids[j]) < 0;
  // Longest increasing subsequence over the elements that have an order (patience sorting).
  const tails: number[] = [];
  const prev = new Array<number>(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if (current[i] === undefined) continue;
    let lo = 0, hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (less(tails[mid], i)) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1];
    tails[lo] = i;
  }
  const keep = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = prev[i]) keep.add(i);
  if (keep.size === n) return [];

  const result: [number, number][] = [];
  const final = new Array<number>(n);
  let i = 0;
  while (i < n) {
    if (keep.has(i)) {
      final[i] = current[i]!;
      i++;
      continue;
    }
    // A run of elements to place between the kept neighbours lo and hi.
    let j = i;
    while (j < n && !keep.has(j)) j++;
    const lo = i > 0 ? final[i - 1] : undefined;
    const hi = j < n ? current[j]! : undefined;
    const k = j - i;
    for (let m = 0; m < k; m++) {
      const value = lo === undefined && hi === undefined
        ? m
        : lo === undefined
        ? hi! - (k - m)
        : hi === undefined
        ? lo + m + 1
        : lo + ((hi - lo) * (m + 1)) / (k + 1);
      final[i + m] = value;
      result.push([i + m, value]);
    }
    if (lo !== undefined && hi !== undefined && (hi - lo) / (k + 1) < MIN_GAP) {
      // Too many insertions at one place: number everything afresh.
      return ids.map((_, x) => [x, x]);
    }
    i = j;
  }
  return result;
}
