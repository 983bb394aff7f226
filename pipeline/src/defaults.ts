/**
 * The defaults of a pipeline run, in one place: the command line shows them, the run options
 * start from them, and the stages' own defaults take the seed from here.
 */
export const DEFAULTS = Object.freeze({
  /** Input file or folder when none is given. */
  input: 'seeds',
  /** Output folder. */
  outDir: 'data',
  /** Pipeline config file (year, theme watch-list). */
  config: 'pipeline/config/pipeline.json',
  /** Related papers per paper, ≥ 1. */
  k: 10,
  /** Seed of every random step: index, clustering, layout, recall sample. */
  seed: 42,
  /** Theme watch-list, when the config names none (relative to the config file). */
  themesFile: 'themes.json',
});
