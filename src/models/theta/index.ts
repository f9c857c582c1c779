/** The Theta family: `theta` (automatic), `theta:stm` (R thetaf), `theta:otm`, `theta:dstm`, `theta:dotm`. */
export { THETA, fitTheta, forecastTheta, simulateTheta, forecastStandardErrors } from './theta.js';
export type { ThetaSpec, ThetaState, ThetaVariant } from './theta.js';
export { fitStandardTheta, leastSquaresSlope, standardThetaForecast } from './standard.js';
export {
  fitThetaStateSpace,
  groeTheta,
  GROE_THETAS,
  thetaStateSpaceForecast,
  thetaStateSpacePass,
  simulateThetaPaths,
} from './state-space.js';
export type { GroeChoice, GroeSetup } from './state-space.js';
export { thetaSeasonalAdjustment, thetaSeasonalityTest } from './seasonality.js';
