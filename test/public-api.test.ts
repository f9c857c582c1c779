// The public API, snapshotted: every name each entry of package.json's `exports` offers at run time. A change
// here is a change of the published interface; update the list on purpose, never to make the test pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
  exports: Record<string, string | { types: string; default: string }>;
};

const SNAPSHOT: Record<string, string[]> = {
  '.': [
    'ForesightError',
    'RECONCILE_METHODS',
    'autoEts',
    'autoEtsForecast',
    'backtestDataset',
    'batchWarnings',
    'buildHierarchy',
    'buildReport',
    'createRng',
    'datasetEventProbabilities',
    'datasetReliability',
    'evaluateFiles',
    'eventChartInput',
    'fanChartInput',
    'forecastDataset',
    'forecastFile',
    'forecastFileChunks',
    'forecastFileToFiles',
    'forecastHierarchy',
    'forecastHierarchyFile',
    'forecastReport',
    'forecastReportHtml',
    'forecastScenariosFile',
    'isForesightError',
    'listModels',
    'parseEvent',
    'parseEventsCsv',
    'readSeriesChunks',
    'readSeriesCsv',
    'reconcile',
    'reliabilityHorizon',
    'renderSvg',
    'resolveModel',
    'runModel',
    'runWarnings',
    'saveForecastCsv',
    'scalingReport',
    'scalingReportHtml',
    'scenarioChartInput',
    'scenarioForecasts',
    'scoreProbabilities',
    'seriesEventProbabilities',
    'seriesWeights',
    'skillChartInputs',
    'splitModelList',
    'writeForecastReport',
    'writeScalingReport',
  ],
  './models': [
    'ADIDA',
    'ARIMA_MODEL',
    'BASELINE_MODELS',
    'CROSTON',
    'ETS_MODEL',
    'IMAPA',
    'INTERMITTENT_MODELS',
    'MSTL',
    'NAIVE',
    'NAIVE2',
    'SEASONAL_NAIVE',
    'THETA',
    'TSB',
    'autoArima',
    'classifyDemand',
    'estimateArima',
    'etsReport',
    'fitAdida',
    'fitArimaSeries',
    'fitCroston',
    'fitEts',
    'fitEtsSeries',
    'fitImapa',
    'fitMstl',
    'fitTheta',
    'fitTsb',
    'forecastEts',
    'forecastMstl',
    'forecastTheta',
    'isIntermittent',
    'mstlDecompose',
    'parseArimaOption',
    'parseEtsOption',
    'parseMstlOption',
    'predictArima',
    'simulateArima',
    'simulateEts',
    'simulateMstl',
    'simulateTheta',
    'stl',
  ],
  './evaluate': [
    'backtestDataset',
    'coverage',
    'evaluateFiles',
    'intervalPinball',
    'mae',
    'mase',
    'maseScale',
    'owa',
    'pinball',
    'rmse',
    'smape',
  ],
  './scaling': [
    'DEFAULT_CLUSTER_CURVE',
    'HARDWARE',
    'HOFFMANN_GRID',
    'SCALING_FORMS',
    'SMALL_GRID',
    'bootstrapChinchilla',
    'chinchillaHeldOut',
    'chinchillaLoss',
    'clusterKnee',
    'compareComputeForms',
    'computeForSpend',
    'computeFrontier',
    'computeMultiplier',
    'computeOptimal',
    'costKnee',
    'fitChinchilla',
    'fitLogLaw',
    'fitPowerLaw',
    'fitScalingLaws',
    'fitScalingRuns',
    'fitUtilisation',
    'frontierSeries',
    'frontierTrend',
    'hardwarePreset',
    'loadHardwarePrices',
    'loadNotableModels',
    'loadRuns',
    'logLawLoss',
    'optimalAllocation',
    'parametersMultiplier',
    'powerLawLoss',
    'readScalingFit',
    'ringAllReduceCurve',
    'spendKnee',
    'spendMultiplier',
    'throughputKnee',
    'trainingCost',
    'utilisation',
  ],
  './charts': [
    'ACCURACY_MARKS',
    'COVERAGE_MARKS',
    'DEFAULT_SIZE',
    'EVENT_MARKS',
    'FAN_MARKS',
    'FRONTIER_CURVE_POINTS',
    'FRONTIER_MARKS',
    'SCENARIO_MARKS',
    'SKILL_MARKS',
    'UTILISATION_MARKS',
    'VEGA_LITE_SCHEMA',
    'WEIGHTS_MARKS',
    'accuracyByStepChart',
    'costKneeChips',
    'coverageChart',
    'eventChart',
    'eventHistogram',
    'fanChart',
    'forecastBands',
    'frontierInput',
    'markPaths',
    'pathVertices',
    'scalingFrontierChart',
    'scenarioChart',
    'skillChart',
    'timeAxis',
    'utilisationChart',
    'weightsChart',
  ],
};

/** The source file behind a built `exports` target: ./dist/src/x/index.js -> src/x/index.ts. */
function sourceOf(target: string): string {
  return `${root}${target.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts')}`;
}

test('package.json exports the main entry, the four subpaths and package.json, each with types', () => {
  assert.deepEqual(Object.keys(pkg.exports), [
    '.',
    './models',
    './evaluate',
    './scaling',
    './charts',
    './package.json',
  ]);
  for (const [path, target] of Object.entries(pkg.exports)) {
    if (path === './package.json') continue;
    assert.ok(typeof target === 'object', path);
    assert.equal(target.types, target.default.replace(/\.js$/, '.d.ts'), `${path}: types beside the code`);
    assert.ok(existsSync(sourceOf(target.default)), `${path}: ${sourceOf(target.default)} exists`);
  }
});

for (const [path, names] of Object.entries(SNAPSHOT)) {
  test(`the names exported by ${path === '.' ? 'foresight' : `foresight/${path.slice(2)}`}`, async () => {
    const target = pkg.exports[path] as { default: string };
    const module = (await import(sourceOf(target.default))) as Record<string, unknown>;
    assert.deepEqual(Object.keys(module).sort(), names);
  });
}

test('the CLI prints the version of package.json', async () => {
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(process.execPath, ['--import', 'tsx', `${root}src/cli/main.ts`, '--version'], {
    cwd: root,
    encoding: 'utf8',
  });
  const { version } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^foresight/${version.replace(/\./g, '\\.')} `));
});
