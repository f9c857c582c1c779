/**
 * Skill by horizon: the ratio of a model's mean absolute error to a naive reference's at each forecast step
 * over rolling origins, with its bootstrap band, the parity line at 1, and a rule at the reliability horizon
 * (the last step whose band lies below 1; evaluate/reliability-horizon.ts).
 */
import type { ReliabilityHorizon } from '../evaluate/reliability-horizon.js';
import { DEFAULT_SIZE, finite, VEGA_LITE_SCHEMA, type ChartSize, type TopLevelSpec } from './spec.js';

/** Names of the skill chart's marks. */
export const SKILL_MARKS = { band: 'skill_band', ratio: 'skill', parity: 'parity', reliable: 'reliable' } as const;

/** One series and model's reliability horizon (a `ModelReliability` of pipeline/reliability.ts fits). */
export interface SkillChartInput {
  id: string;
  model: string;
  reference: string;
  horizon: ReliabilityHorizon;
}

/**
 * The skill-by-horizon spec: one vertex per step with a finite ratio in `skill`, the band in `skill_band`,
 * the rule `parity` at 1 and, when k > 0, the rule `reliable` at step k.
 *
 * @example
 * skillChart({ id: 'a', model: 'ets', reference: 'naive', horizon }).title // 'a: ets vs naive, reliable up to step 2'
 */
export function skillChart(input: SkillChartInput, options: ChartSize & { title?: string } = {}): TopLevelSpec {
  const h = input.horizon;
  const rows = h.byStep.flatMap((s) => {
    const ratio = finite(s.ratio);
    return ratio === null ? [] : [{ step: s.step, ratio, lower: finite(s.lower), upper: finite(s.upper) }];
  });
  const bands = rows.filter((r) => r.lower !== null && r.upper !== null);
  const x = { field: 'step', type: 'quantitative' as const, title: 'forecast step', axis: { tickMinStep: 1 } };
  const y = { type: 'quantitative' as const, title: `MAE / MAE of ${input.reference}`, scale: { zero: false } };
  const layer: object[] = [
    {
      name: SKILL_MARKS.band,
      data: { values: bands },
      mark: { type: 'area', description: `${h.level}% bootstrap band`, opacity: 0.25, color: '#4c78a8' },
      encoding: { x, y: { ...y, field: 'lower' }, y2: { field: 'upper' } },
    },
    {
      name: SKILL_MARKS.parity,
      data: { values: [{ ratio: 1 }] },
      mark: { type: 'rule', description: `as good as ${input.reference}`, color: '#888888', strokeDash: [4, 3] },
      encoding: { y: { ...y, field: 'ratio' } },
    },
    {
      name: SKILL_MARKS.ratio,
      data: { values: rows },
      mark: { type: 'line', description: 'skill ratio', point: true, color: '#1f4e8c' },
      encoding: { x, y: { ...y, field: 'ratio' } },
    },
  ];
  if (h.reliableSteps > 0) {
    layer.push({
      name: SKILL_MARKS.reliable,
      data: { values: [{ step: h.reliableSteps }] },
      mark: { type: 'rule', description: `reliable up to step ${h.reliableSteps}`, color: '#b8860b' },
      encoding: { x },
    });
  }
  return {
    $schema: VEGA_LITE_SCHEMA,
    title:
      options.title ??
      `${input.id}: ${input.model} vs ${input.reference}, ` +
        (h.reliableSteps > 0 ? `reliable up to step ${h.reliableSteps}` : 'no step reliably better'),
    description: `Skill ratio by step over ${h.origins} origins with a ${h.level}% band; below 1 beats ${input.reference}`,
    width: options.width ?? DEFAULT_SIZE.width,
    height: options.height ?? DEFAULT_SIZE.height,
    layer,
  } as TopLevelSpec;
}
