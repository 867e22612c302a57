import type { AbResult } from './ab';
import type { Target, Variant, Workload } from './workload';

/** One measured row, as printed and as written by `--json`. */
export interface Row {
  readonly workload: string;
  readonly variant: string;
  /** What the Dotflow side was timed against: the hand-written floor, or (`--baseline`) another build's Dotflow. */
  readonly versus: 'floor' | 'baseline';
  readonly floor: string;
  readonly unit: string;
  readonly result: AbResult;
  readonly target: string | undefined;
  readonly met: boolean | undefined;
}

/**
 * A row of `variant`'s result; `against` is the baseline's description and target for a row that
 * times this build against a baseline build (`--baseline`).
 */
export function toRow(workload: Workload, variant: Variant, result: AbResult, against?: { readonly floor: string; readonly target: Target }): Row {
  const target = against === undefined ? variant.target : against.target;
  return {
    workload: workload.id,
    variant: variant.name,
    versus: against === undefined ? 'floor' : 'baseline',
    floor: against === undefined ? variant.floor : against.floor,
    unit: variant.unit.label,
    result,
    target: target?.label,
    met: target?.met(result),
  };
}

const WIDTHS = [4, 18, 8, 8, 8, 8, 7, 9, 12, 0] as const;

function line(cells: readonly string[]): string {
  return cells
    .map((c, i) => (i < 2 ? c.padEnd(WIDTHS[i] ?? 8) : c.padStart(WIDTHS[i] ?? 8)))
    .join(' ')
    .trimEnd();
}

const fmt = (x: number): string => (Number.isFinite(x) ? (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) : '—');
const signed = (x: number): string => (x >= 0 ? `+${fmt(x)}` : `-${fmt(-x)}`);

/** The column heads: Dotflow against the `floor` (or against the `baseline` build's Dotflow). */
export function header(unit: string, versus: Row['versus'] = 'floor'): string {
  const [left, right] = versus === 'floor' ? ['dotflow', 'floor'] : ['this build', 'baseline'];
  return [
    line(['', '', `${left} ${unit}`, '', `${right} ${unit}`, '', '', '', '', '']),
    line(['id', 'variant', 'median', 'p90', 'median', 'p90', 'ratio', 'Δ median', 'target', versus]),
  ].join('\n');
}

export function formatRow(row: Row): string {
  const { subject, baseline, ratio } = row.result;
  const verdict = row.target === undefined ? '' : `${row.target} ${row.met ? 'ok' : 'MISS'}`;
  return line([
    row.workload,
    row.variant,
    fmt(subject.median),
    fmt(subject.p90),
    fmt(baseline.median),
    fmt(baseline.p90),
    `${ratio.toFixed(2)}×`,
    signed(subject.median - baseline.median),
    verdict,
    row.floor,
  ]);
}
