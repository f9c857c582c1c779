/**
 * Limits that keep hostile or mistyped input from exhausting memory: each is a clear error instead of a
 * process that grows until the machine kills it.
 */

/**
 * Most periods one series may span on its frequency's grid (gaps included): a 4-row series whose index jumps
 * by 5e7 would otherwise interpolate 5e7 values. One million is 114 years of hourly data.
 */
export const MAX_GRID_LENGTH = 1_000_000;

/** Longest forecast horizon, in steps (every series x model x level holds horizon values). */
export const MAX_HORIZON = 10_000;

/**
 * Most series a file may set aside before it is rejected as a whole: past this, the file is not data with a
 * few bad series but malformed (a wrong delimiter, a binary file, garbage rows), and keeping a reason per
 * series would cost memory without telling the analyst more than the first reasons do.
 */
export const MAX_INVALID_SERIES = 10_000;

/** Longest CSV record in characters: an unclosed quote or a file without line breaks stops here. */
export const MAX_RECORD_CHARS = 4_000_000;

/** Most columns a header may have (wide files: one column per series). */
export const MAX_COLUMNS = 100_000;

/**
 * Data rows read without a single usable observation after which a file is rejected as malformed: a file whose
 * first million rows all belong to series set aside is not data with a few bad series, and reading on would
 * only cost time.
 */
export const MAX_ROWS_WITHOUT_DATA = 1_000_000;

/** Most sample paths per series (one million paths of one step already take seconds). */
export const MAX_PATHS = 1_000_000;

/** Most simulated values per series, paths x horizon (each a float64: 800 MB; the HTTP API's own limits, 100,000 paths of 1,000 steps, stay within it). */
export const MAX_PATH_VALUES = 100_000_000;
