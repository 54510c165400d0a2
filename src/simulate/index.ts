/**
 * `feed-rebalancer/simulate`: seeded benchmark simulations of what a policy does to harmful runs
 * and what it costs in relevance. See docs/simulation.md for the model and its calibration.
 *
 * @packageDocumentation
 */
export { simulate } from './simulate.js';
export { compare } from './compare.js';
export { scenarios } from './scenarios.js';
export { renderReport } from './report/renderReport.js';
export { summaryTable } from './report/summaryTable.js';
export type {
  CohortName,
  CohortProfile,
  Scenario,
  SimulateOptions,
  NamedPolicy,
  CompareOptions,
  CohortMetrics,
  CohortSeries,
  RunLengthHistogram,
  PerCohort,
  SimulationReport,
  ComparedMetric,
  Difference,
  PolicyDifferences,
  ComparisonReport,
} from './types.js';
