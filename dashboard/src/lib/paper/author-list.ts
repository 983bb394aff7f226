/**
 * A paper's author line: the first few names and "et al." for a long list, so that a paper with
 * a hundred authors does not push its abstract off the panel; the reader expands it on request.
 */

/** Names listed in full before a list is cut (a list of one more is shown whole: "et al." would hide one name). */
export const AUTHORS_SHOWN = 3;

/** The author line, and how many names it leaves out (0 when it shows them all). */
export interface AuthorLine {
  text: string;
  hidden: number;
}

/** The names joined by commas; cut to {@link AUTHORS_SHOWN} plus "et al." unless `full`. */
export function authorLine(authors: readonly string[], full = false): AuthorLine {
  if (full || authors.length <= AUTHORS_SHOWN + 1) return { text: authors.join(', '), hidden: 0 };
  return {
    text: `${authors.slice(0, AUTHORS_SHOWN).join(', ')} et al.`,
    hidden: authors.length - AUTHORS_SHOWN,
  };
}
