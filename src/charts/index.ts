/**
 * Charts as data: Vega-Lite specs built from the library's results, shared by the reports (rendered to SVG in
 * Node by render-svg.ts) and the dashboard (drawn by vega-embed). This entry point holds only the spec builders
 * and helpers that run in a browser; `fromResults` adapters (from-results.ts, event-input.ts) and `renderSvg`
 * are imported from their own files.
 *
 * Stable names: every builder, its input type and its `*_MARKS` constant below keep their names; marks carry
 * the `name` in the constant, which Vega writes as the SVG class `<name>_marks` (svg-marks.ts reads them back).
 */
export {
  VEGA_LITE_SCHEMA,
  DEFAULT_SIZE,
  forecastBands,
  timeAxis,
  type ChartSize,
  type ForecastBands,
  type TimeAxis,
  type TopLevelSpec,
} from './spec.js';
export { fanChart, FAN_MARKS, type FanChartInput, type FanChartOptions, type MemberLine } from './fan-chart.js';
export { skillChart, SKILL_MARKS, type SkillChartInput } from './skill-chart.js';
export { accuracyByStepChart, ACCURACY_MARKS } from './accuracy-chart.js';
export { coverageChart, COVERAGE_MARKS } from './coverage-chart.js';
export { weightsChart, WEIGHTS_MARKS, type SeriesWeights } from './weights-chart.js';
export {
  eventChart,
  eventHistogram,
  EVENT_MARKS,
  type EventChartInput,
  type EventChartOptions,
} from './event-chart.js';
export { scenarioChart, SCENARIO_MARKS, type ScenarioChartInput } from './scenario-chart.js';
export {
  scalingFrontierChart,
  frontierInput,
  FRONTIER_MARKS,
  FRONTIER_CURVE_POINTS,
  type FrontierChartInput,
} from './frontier-chart.js';
export { utilisationChart, costKneeChips, UTILISATION_MARKS, type UtilisationChartInput } from './utilisation-chart.js';
export { markPaths, pathVertices } from './svg-marks.js';
