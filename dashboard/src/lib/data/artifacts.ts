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

/** The artifacts the browser loads (the vectors and the index stay with the server). */
export const BROWSER_ARTIFACTS = [
  'manifest',
  'papers',
  'related',
  'topics',
  'themes',
  'trends',
] as const;

/** Name of one browser artifact. */
export type BrowserArtifact = (typeof BROWSER_ARTIFACTS)[number];
