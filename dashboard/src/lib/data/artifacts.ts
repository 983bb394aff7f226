/**
 * The pipeline's artifact contract, as the dashboard sees it. Everything the app knows about
 * the data comes through this module; the schema itself lives in the pipeline.
 */
export {
  ARTIFACT_FILES,
  SCHEMA_VERSION,
  SchemaVersionError,
  checkSchemaVersion,
} from '../../../../pipeline/src/schema/artifacts.ts';
export type {
  Keyword,
  Manifest,
  Neighbour,
  Paper,
  PapersFile,
  RelatedFile,
  Theme,
  ThemeScore,
  ThemesFile,
  Topic,
  TopicSimilarity,
  TopicsFile,
  TopicEvolution,
  TrendBurst,
  TrendFlag,
  TrendScale,
  TrendSeries,
  TrendStatus,
  TrendsFile,
} from '../../../../pipeline/src/schema/artifacts.ts';
