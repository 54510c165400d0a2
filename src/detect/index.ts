export { cusumArl } from './cusumArl.js';
export { designCusum } from './designCusum.js';
export { runArl } from './runArl.js';
export { windowArl } from './windowArl.js';
export { ewmaArl } from './ewmaArl.js';
export type {
  CusumArlInput,
  DesignCusumInput,
  CusumDesign,
  RunArlInput,
  WindowArlInput,
  EwmaArlInput,
  ClassifierRates,
} from './types.js';

// Internal detector steps, shared with the exposure state (not part of the public API).
export { cusumGamma } from './cusumGamma.js';
export { stepStatistic } from './stepStatistic.js';
export { alarmThreshold } from './alarmThreshold.js';
export { rawLevel } from './rawLevel.js';
export { nextLevel } from './nextLevel.js';
export type { DetectorStep, HeldLevel } from './detector.js';
