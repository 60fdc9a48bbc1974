/**
 * Numbers as every view and the CLI's text output show them: at most three decimals, trailing zeros
 * trimmed, so float noise from summing costs never reaches the screen (228.79999999999984 -> 228.8).
 * The exact values are in the CLI's --json.
 */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? '–' : x > 0 ? '∞' : '-∞';
  const rounded = Math.round(x * 1000) / 1000;
  // Object.is: -0.0001 rounds to -0, which should read as 0.
  return Object.is(rounded, -0) ? '0' : String(rounded);
}
