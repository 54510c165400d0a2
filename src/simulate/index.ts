/**
 * `feed-rebalancer/simulate`: seeded benchmark simulations of what a policy does to harmful runs
 * and what it costs in relevance and engagement, with swappable parts (recommender, catalogue,
 * users' response, re-ranker), a calibration against public audits and a sensitivity analysis;
 * and `replay`, the same comparison on logged sessions. See docs/simulation.md for the model and
 * its calibration, docs/replay.md for replay.
 *
 * @packageDocumentation
 */
export { simulate } from './simulate.js';
export { compare } from './compare.js';
export { calibrate } from './calibration/calibrate.js';
export { sensitivity } from './sensitivity/sensitivity.js';
export { tune } from './tune/tune.js';
export { planTuning } from './tune/planTuning.js';
export { runRestart } from './tune/runRestart.js';
export { finishTuning } from './tune/finishTuning.js';
export { replay } from './replay/replay.js';
export { scenarios } from './scenarios.js';
export { DEFAULT_RESPONSE } from './response/defaults.js';
export { DEFAULT_CATALOGUE } from './world/topics.js';
export { renderReport } from './report/renderReport.js';
export { summaryTable } from './report/summaryTable.js';
export { simulatePartial, comparePartial } from './shard/runPartial.js';
export { mergePartials } from './shard/mergePartials.js';
export { replayPartial } from './shard/replayPartial.js';
export { tunePartial } from './shard/tunePartial.js';
export type { ReportInput } from './report/reportView.js';
export type {
  CohortName,
  CohortProfile,
  Scenario,
  WorldOptions,
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
export type {
  ReplayCandidate,
  ReplayRequestRecord,
  ReplayImpressionRecord,
  ReplayRecord,
  ReplayOptions,
  ReplaySummary,
  ReplayReport,
} from './replay/types.js';
export type { Shard } from './shard/Shard.js';
export type { PartialResult, PartialUnit, MergedReport } from './shard/PartialResult.js';
export type { MergeOptions } from './shard/mergePartials.js';
export type { ResponseConstants } from './response/ResponseConstants.js';
export type { CatalogueSpec, CatalogueTopic } from './world/catalogueSpec.js';
export type { LabelModel } from './world/labelModel.js';
export type {
  Recommender,
  UserRecommender,
  RecommenderContext,
  CandidateRequest,
  WatchFeedback,
  CatalogueView,
} from './recommender/types.js';
export type {
  Reranker,
  RerankRequest,
  RerankResult,
  RerankSlot,
  NamedReranker,
} from './run/reranker.js';
export type {
  CalibrateOptions,
  CalibrationEntry,
  CalibrationReport,
  CataloguePopularity,
} from './calibration/calibrationTypes.js';
export type {
  SensitivityOptions,
  SensitivityReport,
  SensitivityRow,
  SensitivityOutcome,
} from './sensitivity/sensitivityTypes.js';
export type { TunePlan } from './tune/planTuning.js';
export type { TuneLogOptions } from './tune/tuneLogOptions.js';
export type {
  TuneOptions,
  TuneObjective,
  TuneConstraint,
  PolicyEvaluation,
  PolicyEvaluator,
  MeasuredMetric,
  EvaluationRecord,
  SearchDimension,
  TuneResult,
} from './tune/tuneTypes.js';
