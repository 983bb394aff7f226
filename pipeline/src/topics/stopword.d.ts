/** The part of the `stopword` package (which ships no types) that topic keywords use. */
declare module 'stopword' {
  /** English stop words, lowercase. */
  export const eng: readonly string[];
}
