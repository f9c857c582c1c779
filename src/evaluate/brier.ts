/**
 * Scores of probability forecasts of binary events: the Brier score (Brier 1950), its skill against the
 * climatological frequency, the reliability table in deciles (Murphy & Winkler 1977) and the logarithmic score
 * (Good 1952), as in R's verification package (`brier`, `reliability.plot`).
 */

/** One probability forecast of a binary event and what happened. */
export interface ProbabilityCase {
  probability: number;
  outcome: boolean;
  /**
   * The climatological probability of the same event (its frequency in the history before the forecast origin),
   * the reference of the skill score; when absent, the base rate of all cases is used.
   */
  climatology?: number;
}

/** One decile of the reliability table. */
export interface ReliabilityBin {
  /** Probability range [from, to) (the last bin includes 1). */
  from: number;
  to: number;
  cases: number;
  /** Mean forecast probability and observed frequency of the cases in the bin (NaN when empty). */
  meanProbability: number;
  observedFrequency: number;
}

/** Scores of a set of probability forecasts. */
export interface ProbabilityScores {
  cases: number;
  /** Mean of (p - o)^2; 0 is perfect, 0.25 is a constant 50%. */
  brier: number;
  /** Brier score of the climatological reference. */
  climatologyBrier: number;
  /** 1 - brier / climatologyBrier: above 0 means better than climatology. */
  skill: number;
  /** Frequency of the event among the cases. */
  baseRate: number;
  /** Mean of -ln(p) when the event happened, -ln(1 - p) when not, with p clipped to [eps, 1 - eps]. */
  logScore: number;
  reliability: ReliabilityBin[];
}

/**
 * Brier score, the mean squared difference between probability and outcome (0 or 1). NaN without cases.
 *
 * @example
 * brierScore([{ probability: 0.8, outcome: true }, { probability: 0.3, outcome: false }]) // 0.065
 */
export function brierScore(cases: readonly ProbabilityCase[]): number {
  if (cases.length === 0) return NaN;
  let s = 0;
  for (const c of cases) s += (c.probability - (c.outcome ? 1 : 0)) ** 2;
  return s / cases.length;
}

/**
 * Logarithmic score (lower is better), probabilities clipped to [eps, 1 - eps] so that a Monte Carlo estimate
 * of exactly 0 or 1 does not give an infinite score (default eps 0.001, below one path in a thousand).
 *
 * @example
 * logScore([{ probability: 0.5, outcome: true }]) // 0.6931
 */
export function logScore(cases: readonly ProbabilityCase[], eps = 1e-3): number {
  if (cases.length === 0) return NaN;
  let s = 0;
  for (const c of cases) {
    const p = Math.min(1 - eps, Math.max(eps, c.probability));
    s -= Math.log(c.outcome ? p : 1 - p);
  }
  return s / cases.length;
}

/**
 * Reliability table: the cases binned by forecast probability into `bins` equal ranges (deciles by default),
 * each with its mean probability and observed frequency; a reliable forecaster has them equal.
 *
 * @example
 * reliabilityTable([{ probability: 0.05, outcome: false }, { probability: 0.95, outcome: true }])[9].observedFrequency // 1
 */
export function reliabilityTable(cases: readonly ProbabilityCase[], bins = 10): ReliabilityBin[] {
  const sums = Array.from({ length: bins }, () => ({ n: 0, p: 0, o: 0 }));
  for (const c of cases) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor(c.probability * bins)));
    sums[b].n++;
    sums[b].p += c.probability;
    sums[b].o += c.outcome ? 1 : 0;
  }
  return sums.map((s, b) => ({
    from: b / bins,
    to: (b + 1) / bins,
    cases: s.n,
    meanProbability: s.n ? s.p / s.n : NaN,
    observedFrequency: s.n ? s.o / s.n : NaN,
  }));
}

/**
 * All scores of a set of cases: Brier score, Brier skill against climatology (each case's own climatological
 * probability when given, else the base rate of the cases), log score and the decile reliability table.
 *
 * @example
 * scoreProbabilities([{ probability: 0.9, outcome: true, climatology: 0.5 }, { probability: 0.2, outcome: false, climatology: 0.5 }]).skill // 0.9
 */
export function scoreProbabilities(cases: readonly ProbabilityCase[]): ProbabilityScores {
  const n = cases.length;
  const baseRate = n ? cases.filter((c) => c.outcome).length / n : NaN;
  const brier = brierScore(cases);
  const climatologyBrier = brierScore(
    cases.map((c) => ({ probability: c.climatology ?? baseRate, outcome: c.outcome })),
  );
  return {
    cases: n,
    brier,
    climatologyBrier,
    skill: climatologyBrier > 0 ? 1 - brier / climatologyBrier : NaN,
    baseRate,
    logScore: logScore(cases),
    reliability: reliabilityTable(cases),
  };
}

/**
 * The worst gap, in probability points, between mean probability and observed frequency over the deciles with at
 * least `minCases` cases (0 when none qualifies), and how many deciles qualified.
 *
 * @example
 * worstDecileGap(scoreProbabilities(cases).reliability, 50) // { gap: 0.031, bins: 7 }
 */
export function worstDecileGap(table: readonly ReliabilityBin[], minCases = 50): { gap: number; bins: number } {
  let gap = 0,
    bins = 0;
  for (const b of table) {
    if (b.cases < minCases) continue;
    bins++;
    gap = Math.max(gap, Math.abs(b.meanProbability - b.observedFrequency));
  }
  return { gap, bins };
}
