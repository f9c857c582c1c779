/**
 * The charts an analyst sees first after `npm start`, drawn before they are asked for: the fan chart and the
 * fusion weights of the newest forecast run's first series, the newest backtest's charts and the newest
 * scaling fit's frontier. The server
 * draws a chart on its first request and keeps it (src/server/chart-routes.ts); the first drawing also pays for
 * compiling the chart code, about a second on a busy 2-core machine. Asking for them through the API while the
 * analyst opens the browser moves that wait out of the first page view.
 */

interface RunRow {
  id: string;
  kind: string;
  status: string;
}

/**
 * Asks the server at `url` for those charts, one after another, and resolves with the number drawn. Never
 * throws: a chart the server refuses (a run without fused members has no weights chart) or a server that went
 * away is simply not drawn.
 *
 * @example
 * await drawFirstCharts('http://127.0.0.1:8080') // 5 after the bundled analysis
 */
export async function drawFirstCharts(url: string): Promise<number> {
  let runs: RunRow[];
  try {
    runs = ((await (await fetch(`${url}/v1/runs?limit=200`)).json()) as { runs: RunRow[] }).runs;
  } catch {
    return 0;
  }
  const newest = (kind: string) => runs.find((r) => r.kind === kind && r.status === 'succeeded');
  const forecast = newest('forecast');
  const backtest = newest('backtest');
  const scaling = newest('scaling-fit');
  const paths = [
    ...(forecast ? [`/v1/runs/${forecast.id}/charts/fan`, `/v1/runs/${forecast.id}/charts/weights`] : []),
    ...(backtest ? [`/v1/runs/${backtest.id}/charts/accuracy`, `/v1/runs/${backtest.id}/charts/coverage`] : []),
    ...(scaling ? [`/v1/runs/${scaling.id}/charts/frontier`] : []),
  ];
  let drawn = 0;
  for (const path of paths) {
    try {
      const response = await fetch(url + path);
      await response.arrayBuffer();
      if (response.ok) drawn++;
    } catch {
      // the server stopped: nothing more to draw
      break;
    }
  }
  return drawn;
}
