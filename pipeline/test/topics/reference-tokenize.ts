/**
 * The tokenizer as it was before its character scanner: the reference the equality test compares
 * `tokenize.ts` with, token for token. Kept verbatim (the exports renamed) and used by nothing
 * else; see `tokenize-equality.test.ts`.
 *
 * Cuts titles and abstracts into words for topic keywords (c-TF-IDF) and for coherence (NPMI),
 * so both see exactly the same tokens.
 *
 * A word is a run of letters and digits, hyphenated compounds and decimal versions kept whole
 * ("fine-tuning", "text-to-image", "Qwen2.5-VL-7B", "GPT-4.1"), possessive "'s" dropped, and at
 * least one letter (bare numbers end a phrase). Words match case-insensitively and plurals fold
 * into a singular that the corpus also uses, by English rules ("LLMs" → "llm", "strategies" →
 * "strategy", "losses" → "loss", "games" → "game"). The written form is kept per occurrence, so
 * labels can show acronyms as authors write them (LoRA, RLHF, KV, MoE).
 * Hand-rolled because the keyword and coherence steps need token ids, phrase breaks and casing
 * votes in one pass over 75k abstracts, which generic NLP tokenizers do not provide.
 */
import { GENERIC_WORDS_SET, PHRASE_BREAKING_WORDS } from '../../src/topics/stop-words.ts';

/** Marks the end of a phrase in {@link TokenizedCorpus.docs}: punctuation or a stop word. */
const PHRASE_BREAK = -1;

/** A corpus cut into words. */
interface TokenizedCorpus {
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

/**
 * Letters and digits joined by hyphens or apostrophes, or by a dot between two digits
 * ("Qwen2.5-VL-7B", "GPT-4.1"). A dot before a space or the end of the text is never inside a
 * word, so sentence ends ("in 2024. We") stay gaps between words.
 */
const WORD = /[\p{L}\p{N}]+(?:(?:[-'’]|(?<=\p{N})\.(?=\p{N}))[\p{L}\p{N}]+)*/gu;
const HAS_LETTER = /\p{L}/u;
const SENTENCE_END = /[.!?]/;
const PHRASE_END = /[^\s\p{L}\p{N}]/u;

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
export function referenceTokenizeCorpus(
  docs: readonly { title: string; abstract: string }[],
): TokenizedCorpus {
  const surfaceIds = new Map<string, number>();
  const surfaces: string[] = [];
  const encoded: Int32Array[] = [];
  const buffer: number[] = [];

  // Per distinct raw word: its surface id, or -1 when it ends a phrase (stop word, number).
  const rawIds = new Map<string, number>();
  const acronymLike: boolean[] = [];
  const surfaceOf = (raw: string): number => {
    let id = rawIds.get(raw);
    if (id !== undefined) return id;
    const surface = raw.includes("'") || raw.includes('’') ? cleanWord(raw) : raw;
    if (
      surface.length < 2 ||
      !HAS_LETTER.test(surface) ||
      PHRASE_BREAKING_WORDS.has(surface.toLowerCase())
    ) {
      id = -1;
    } else {
      id = surfaceIds.get(surface);
      if (id === undefined) {
        id = surfaces.length;
        surfaces.push(surface);
        acronymLike.push(isAcronymLike(surface));
        surfaceIds.set(surface, id);
      }
    }
    rawIds.set(raw, id);
    return id;
  };

  for (const doc of docs) {
    buffer.length = 0;
    const pushBreak = () => {
      if (buffer.length > 0 && buffer[buffer.length - 1] !== PHRASE_BREAK)
        buffer.push(PHRASE_BREAK);
    };
    const parts: [string, boolean][] = [
      [doc.title, true],
      [doc.abstract, false],
    ];
    for (const [text, isTitle] of parts) {
      pushBreak();
      let last = 0;
      let sentenceStart = true;
      for (const match of text.matchAll(WORD)) {
        if (match.index !== last + 1 || text[last] !== ' ') {
          const gap = text.slice(last, match.index);
          if (SENTENCE_END.test(gap)) sentenceStart = true;
          if (PHRASE_END.test(gap)) pushBreak();
        }
        last = match.index + match[0].length;
        const atStart = sentenceStart;
        sentenceStart = false;
        const id = surfaceOf(match[0]);
        if (id < 0) {
          pushBreak();
          continue;
        }
        const vote = acronymLike[id] || (!isTitle && !atStart) ? 1 : 0;
        buffer.push(id * 2 + vote);
      }
    }
    if (buffer[buffer.length - 1] === PHRASE_BREAK) buffer.pop();
    encoded.push(Int32Array.from(buffer));
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
