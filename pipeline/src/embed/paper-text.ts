/**
 * The text embedded for a paper: `title + ". " + abstract`. Every caller (pipeline, themes,
 * benchmarks) builds it here, so that cache keys and vectors agree everywhere.
 */
export function paperText(title: string, abstract: string): string {
  return `${title}. ${abstract}`;
}
