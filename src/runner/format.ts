/** @module Number and duration formatting shared by the progress line and the summary table. */

/** `12345` → `12,345`. Fixed to en-US so output (and tests) do not depend on the machine's locale. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** `850` → `850 ms`, `12300` → `12.3 s`, `125000` → `2 min 05 s`, `3720000` → `1 h 02 min`. */
export function formatDuration(ms: number): string {
  // Thresholds sit at the rounding points, so 999.6 ms reads `1.0 s`, never `1000 ms`.
  if (ms < 999.5) return `${Math.round(ms)} ms`;
  if (ms < 59_950) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
  const minutes = Math.floor(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
