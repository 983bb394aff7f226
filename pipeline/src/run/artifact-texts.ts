/**
 * The text of each JSON artifact whose bytes a later run compares with its own (the shared terms
 * of the browser data are reused when papers, topics and themes are unchanged, see
 * `emit/previous-terms.ts`): one serialization for the writer and for that comparison, so the
 * two cannot drift apart.
 */
import { artifactJson } from '../output/atomic-write.ts';
import { SCHEMA_VERSION, type Paper, type Theme, type TopicsFile } from '../schema/artifacts.ts';

/** `papers.json`, `topics.json` and `themes.json` as written. */
export const artifactTexts = {
  papers: (papers: readonly Paper[]): string =>
    artifactJson({ schemaVersion: SCHEMA_VERSION, papers }),
  topics: (topics: Omit<TopicsFile, 'schemaVersion'>): string =>
    artifactJson({ schemaVersion: SCHEMA_VERSION, ...topics }),
  themes: (themes: readonly Theme[]): string =>
    artifactJson({ schemaVersion: SCHEMA_VERSION, themes }),
};
