/** Seconds to wait before the next sign-in of an account with this many failures: 1 s after 5, doubling, at most 15 min. */
export function backoffSeconds(failures: number): number {
  if (failures < 5) return 0;
  return Math.min(2 ** Math.min(failures - 5, 10), 900);
}
