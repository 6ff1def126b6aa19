/** How many values of an ascending list are ≤ x: the index of the first one above x (binary search, O(log n)). */
export function countAtOrBelow(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
