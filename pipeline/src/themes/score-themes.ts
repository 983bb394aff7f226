/**
 * Watch-list themes: one query vector per theme, and every paper's cosine score against it.
 *
 * A theme's vector is the normalized mean of the normalized embeddings of its description and of
 * each keyword (a centroid query). On the Hugging Face daily-papers corpus the centroid beat the
 * maximum over the theme's texts and the description alone on every default theme; the numbers
 * and the threshold calibration are in README.md beside this file.
 */
import type { Embedder } from '../embed/embedder.ts';
import type { Theme, ThemeScore } from '../schema/artifacts.ts';
import type { ThemeDefinition } from './theme-config.ts';

export {
  loadThemeConfig,
  parseThemeConfig,
  ThemeConfigError,
  type ThemeConfigOptions,
  type ThemeDefinition,
} from './theme-config.ts';

/** One query vector per theme: `themes.length × dim` values, row-major, unit length. */
export interface ThemeVectors {
  vectors: Float32Array;
  dim: number;
}

/** What {@link scoreThemes} returns. */
export interface ThemeScoring {
  /** Per paper row: the themes whose threshold the score reached, highest score first. */
  perPaper: ThemeScore[][];
  /** The themes in configuration order, with their member counts. */
  themes: Theme[];
}

/** Paper vectors and theme vectors come from models of different dimensions. */
export class DimensionMismatchError extends Error {
  constructor(paperDim: number, themeDim: number) {
    super(
      `theme vectors have dimension ${themeDim} but paper vectors have ${paperDim}; ` +
        'embed the themes with the same model as the papers',
    );
    this.name = 'DimensionMismatchError';
  }
}

/** Rounds a cosine to the 4 decimals of the artifacts. */
function round4(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

/** The texts embedded for a theme: its description, then each keyword. */
export function themeTexts(theme: ThemeDefinition): string[] {
  return [theme.description, ...theme.keywords];
}

/**
 * Embeds every theme's texts in one call and reduces each theme to its normalized centroid.
 *
 * @param themes in configuration order; row i of the result belongs to themes[i].
 */
export async function embedThemes(
  themes: readonly ThemeDefinition[],
  embedder: Embedder,
): Promise<ThemeVectors> {
  const texts = themes.map(themeTexts);
  const batch = await embedder.embed(texts.flat());
  const { dim } = batch;
  const vectors = new Float32Array(themes.length * dim);
  let row = 0;
  texts.forEach((group, t) => {
    const sum = new Float64Array(dim);
    for (let j = 0; j < group.length; j++, row++) {
      for (let d = 0; d < dim; d++) sum[d]! += batch.vectors[row * dim + d]!;
    }
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += sum[d]! * sum[d]!;
    norm = Math.sqrt(norm);
    if (!(norm > 0)) {
      throw new RangeError(
        `theme "${themes[t]!.id}": its texts embed to a zero vector; give it a description ` +
          'or keywords with words the model knows',
      );
    }
    for (let d = 0; d < dim; d++) vectors[t * dim + d] = sum[d]! / norm;
  });
  return { vectors, dim };
}

/**
 * Scores every paper against every theme (cosine of unit vectors, rounded to 4 decimals) and
 * keeps the themes whose threshold the rounded score reaches. A paper may belong to several
 * themes or to none.
 *
 * @param vectors paper rows, `count × dim`, unit length.
 * @param themeVectors from {@link embedThemes} on the same `themes`.
 * @throws {DimensionMismatchError} when the two sets of vectors differ in dimension.
 */
export function scoreThemes(
  vectors: Float32Array,
  dim: number,
  themeVectors: ThemeVectors,
  themes: readonly ThemeDefinition[],
): ThemeScoring {
  if (themeVectors.dim !== dim) throw new DimensionMismatchError(dim, themeVectors.dim);
  if (themeVectors.vectors.length !== themes.length * dim) {
    throw new RangeError(
      `${themeVectors.vectors.length / dim} theme vectors for ${themes.length} themes; ` +
        'embed the same theme list that is scored',
    );
  }
  if (vectors.length % dim !== 0) {
    throw new RangeError(`${vectors.length} values are not whole rows of dimension ${dim}`);
  }
  const count = vectors.length / dim;
  const sizes = new Array<number>(themes.length).fill(0);
  const perPaper: ThemeScore[][] = [];
  for (let row = 0; row < count; row++) {
    const scores: ThemeScore[] = [];
    themes.forEach((theme, t) => {
      let dot = 0;
      for (let d = 0; d < dim; d++)
        dot += vectors[row * dim + d]! * themeVectors.vectors[t * dim + d]!;
      const score = round4(dot);
      if (score >= theme.threshold) {
        scores.push({ theme: theme.id, score });
        sizes[t]! += 1;
      }
    });
    scores.sort(
      (a, b) => b.score - a.score || (a.theme < b.theme ? -1 : a.theme > b.theme ? 1 : 0),
    );
    perPaper.push(scores);
  }
  return {
    perPaper,
    themes: themes.map((theme, t) => ({
      id: theme.id,
      label: theme.label,
      description: theme.description,
      keywords: [...theme.keywords],
      threshold: theme.threshold,
      size: sizes[t]!,
    })),
  };
}
