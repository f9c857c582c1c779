/** MSTL: multiple seasonal decomposition and the `mstl` model. */
export { MSTL, fitMstl, forecastMstl, parseMstlOption, simulateMstl, DEFAULT_TREND_MODEL } from './mstl.js';
export type { MstlSpec, MstlState } from './mstl.js';
export { mstlDecompose } from './decompose.js';
export type { MstlDecomposition, MstlOptions } from './decompose.js';
