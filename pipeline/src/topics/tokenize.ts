/**
 * Cuts titles and abstracts into words for topic keywords (c-TF-IDF) and for coherence (NPMI),
 * so both see exactly the same tokens.
 *
 * A word is a run of letters and digits, hyphenated compounds and decimal versions kept whole
 * ("fine-tuning", "text-to-image", "Qwen2.5-VL-7B", "GPT-4.1"), possessive "'s" dropped, and at
 * least one letter (bare numbers end a phrase). Words match case-insensitively and plurals fold
 * into a singular that the corpus also uses, by English rules ("LLMs" → "llm", "strategies" →
 * "strategy", "losses" → "loss", "games" → "game"). The written form is kept per occurrence, so
 * labels can show acronyms as authors write them (LoRA, RLHF, KV, MoE): see {@link displayForm}.
 * Hand-rolled because the keyword and coherence steps need token ids, phrase breaks and casing
 * votes in one pass over 75k abstracts, which generic NLP tokenizers do not provide. Words are
 * found by a char-code scanner (`word-scanner.ts`) and looked up in place (`substring-ids.ts`),
 * with no regular expression, match object or string per occurrence: only per distinct word.
 */
import { GENERIC_WORDS_SET, PHRASE_BREAKING_WORDS } from './stop-words.ts';
import { SubstringIds } from './substring-ids.ts';
import { WordScanner } from './word-scanner.ts';

/** Marks the end of a phrase in {@link TokenizedCorpus.docs}: punctuation or a stop word. */
export const PHRASE_BREAK = -1;

/** A corpus cut into words. */
export interface TokenizedCorpus {
  /** Distinct written forms, case kept, in order of first appearance. */
  surfaces: string[];
  /** Per written form: its word key id (index into `keys`). */
  surfaceKey: Int32Array;
  /** Word keys: lowercase, plural folded. */
  keys: string[];
  /** Per word key: 1 when it is a generic word (allowed inside phrases only). */
  generic: Uint8Array;
  /**
   * Per document, its words in order as `surfaceId * 2 + vote`, with {@link PHRASE_BREAK} between
   * phrases. `vote` is 1 where the written form is evidence of the word's usual casing (inside an
   * abstract sentence, or any acronym-like form), 0 at title words and sentence starts.
   */
  docs: Int32Array[];
}

const HAS_LETTER = /\p{L}/u;

function cleanWord(raw: string): string {
  return raw.replace(/['’]s$/u, '').replace(/['’]$/u, '');
}

/** True when a written form carries casing information beyond a capitalized first letter. */
function isAcronymLike(surface: string): boolean {
  return /\p{Lu}/u.test(surface.slice(1));
}

/**
 * Singular of `lower` when the corpus also uses that singular, else `lower` itself. An acronym
 * plural ("GPUs", "LLMs") folds whenever its singular occurs. "-ies" becomes "-y"
 * ("strategies"). "-es" is dropped only after s, x, z, ch, sh or o ("losses", "boxes",
 * "patches", "meshes", "heroes"), and there only when the corpus does not use the word minus its
 * "s" ("bases" → "base", "caches" → "cache", "sizes" → "size"), except after "ss", where the
 * singular never ends in "e". Every other plural just drops its "s" ("games" → "game", never
 * "gam" even when the acronym GAM occurs). A lowercase word ending in -ss, -us or -is ("corpus",
 * "analysis") never drops its s.
 */
function foldPlural(lower: string, surface: string, known: ReadonlySet<string>): string {
  if (/\p{Lu}s$/u.test(surface) && known.has(lower.slice(0, -1))) return lower.slice(0, -1);
  if (lower.length > 4 && lower.endsWith('ies') && known.has(`${lower.slice(0, -3)}y`)) {
    return `${lower.slice(0, -3)}y`;
  }
  const esStem = lower.slice(0, -2);
  if (
    lower.length > 4 &&
    /(?:s|x|z|ch|sh|o)es$/.test(lower) &&
    known.has(esStem) &&
    (esStem.endsWith('ss') || !known.has(lower.slice(0, -1)))
  ) {
    return esStem;
  }
  if (
    lower.length > 3 &&
    lower.endsWith('s') &&
    !/(?:ss|us|is)$/.test(lower) &&
    known.has(lower.slice(0, -1))
  ) {
    return lower.slice(0, -1);
  }
  return lower;
}

/**
 * Tokenizes documents given as `title` and `abstract`. The title counts as the first sentence.
 * Deterministic: ids follow the order of first appearance.
 */
export function tokenizeCorpus(
  docs: readonly { title: string; abstract: string }[],
): TokenizedCorpus {
  const surfaceIds = new Map<string, number>();
  const surfaces: string[] = [];
  const encoded: Int32Array[] = [];

  // Per distinct raw word (id in `rawWords`): its surface id, or -1 when it ends a phrase (stop
  // word, number).
  const rawWords = new SubstringIds();
  const rawSurface: number[] = [];
  const acronymLike: boolean[] = [];
  const surfaceOf = (raw: string): number => {
    const surface = raw.includes("'") || raw.includes('’') ? cleanWord(raw) : raw;
    if (
      surface.length < 2 ||
      !HAS_LETTER.test(surface) ||
      PHRASE_BREAKING_WORDS.has(surface.toLowerCase())
    ) {
      return -1;
    }
    let id = surfaceIds.get(surface);
    if (id === undefined) {
      id = surfaces.length;
      surfaces.push(surface);
      acronymLike.push(isAcronymLike(surface));
      surfaceIds.set(surface, id);
    }
    return id;
  };

  let buffer = new Int32Array(1024);
  let length = 0;
  const push = (token: number) => {
    if (length === buffer.length) {
      const grown = new Int32Array(buffer.length * 2);
      grown.set(buffer);
      buffer = grown;
    }
    buffer[length++] = token;
  };
  const pushBreak = () => {
    if (length > 0 && buffer[length - 1] !== PHRASE_BREAK) push(PHRASE_BREAK);
  };
  const words = new WordScanner();
  const readPart = (text: string, isTitle: boolean) => {
    pushBreak();
    words.reset(text);
    let first = true;
    while (words.next()) {
      if (words.phraseMark) pushBreak();
      const atStart = first || words.sentenceMark;
      first = false;
      const raw = rawWords.id(text, words.start, words.end, words.hash);
      if (raw === rawSurface.length) rawSurface.push(surfaceOf(rawWords.strings[raw]!));
      const id = rawSurface[raw]!;
      if (id < 0) pushBreak();
      else push(id * 2 + (acronymLike[id] || (!isTitle && !atStart) ? 1 : 0));
    }
  };
  for (const doc of docs) {
    length = 0;
    readPart(doc.title, true);
    readPart(doc.abstract, false);
    if (length > 0 && buffer[length - 1] === PHRASE_BREAK) length -= 1;
    encoded.push(buffer.slice(0, length));
  }

  const lowers = surfaces.map((surface) => surface.toLowerCase());
  const known = new Set(lowers);
  const keyIds = new Map<string, number>();
  const keys: string[] = [];
  const surfaceKey = new Int32Array(surfaces.length);
  lowers.forEach((lower, surfaceId) => {
    const key = foldPlural(lower, surfaces[surfaceId]!, known);
    let id = keyIds.get(key);
    if (id === undefined) {
      id = keys.length;
      keys.push(key);
      keyIds.set(key, id);
    }
    surfaceKey[surfaceId] = id;
  });
  const generic = new Uint8Array(keys.length);
  keys.forEach((key, id) => {
    if (GENERIC_WORDS_SET.has(key)) generic[id] = 1;
  });
  lowers.forEach((lower, surfaceId) => {
    if (GENERIC_WORDS_SET.has(lower)) generic[surfaceKey[surfaceId]!] = 1;
  });
  return { surfaces, surfaceKey, keys, generic, docs: encoded };
}

/**
 * Word key ids of one document without phrase breaks and without generic words: the token
 * stream that coherence (NPMI) slides its window over.
 */
export function contentKeys(corpus: TokenizedCorpus, doc: number): Int32Array {
  const tokens = corpus.docs[doc]!;
  const out: number[] = [];
  for (const token of tokens) {
    if (token === PHRASE_BREAK) continue;
    const key = corpus.surfaceKey[token >> 1]!;
    if (corpus.generic[key] === 0) out.push(key);
  }
  return Int32Array.from(out);
}

/**
 * The usual written form of a phrase from counts of its written forms: the most frequent form at
 * voting positions (ties broken by code-point order), or, when no occurrence votes, the most
 * frequent form in lowercase.
 */
export function displayForm(voting: Map<string, number>, all: Map<string, number>): string {
  const best = (counts: Map<string, number>) =>
    [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0]?.[0];
  return best(voting) ?? best(all)?.toLowerCase() ?? '';
}

const contentTextsCache = new WeakMap<TokenizedCorpus, Int32Array[]>();

/**
 * {@link contentKeys} of every document, computed once per corpus (keyword coherence and the
 * quality figures slide their windows over the same streams).
 */
export function contentTexts(corpus: TokenizedCorpus): Int32Array[] {
  let texts = contentTextsCache.get(corpus);
  if (!texts) {
    texts = corpus.docs.map((_, doc) => contentKeys(corpus, doc));
    contentTextsCache.set(corpus, texts);
  }
  return texts;
}
