/**
 * Paper identity: the arXiv id when an input names one, otherwise a key derived from the title
 * that survives differences in case, punctuation, spacing and accents.
 */
import { createHash } from 'node:crypto';

/** New-style arXiv ids (since 2007): `YYMM.NNNN` or `YYMM.NNNNN`, with an optional version. */
const NEW_STYLE = /^(\d{4}\.\d{4,5})(?:v\d+)?$/;
/** Old-style arXiv ids: `archive[.SUB]/YYMMNNN`, for example `hep-th/9901001` or `math.GT/0309136`. */
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/;
/** Pages that name a paper by its arXiv id in the path: arxiv.org abs/pdf/html, Hugging Face papers. */
const URL_FORMS =
  /^(?:https?:\/\/)?(?:www\.|export\.)?(?:arxiv\.org\/(?:abs|pdf|html)|huggingface\.co\/papers)\/(.+?)(?:\.pdf)?\/?(?:[?#].*)?$/i;

/**
 * The arXiv id in `raw` without its version suffix, or null when `raw` is not one.
 * Accepts bare ids (`2403.12345v2`), an `arXiv:` prefix and arxiv.org / huggingface.co/papers URLs.
 */
export function normalizeArxivId(raw: string): string | null {
  let text = raw.trim();
  const url = URL_FORMS.exec(text);
  if (url) text = url[1]!;
  text = text.replace(/^arxiv:\s*/i, '');
  const match = NEW_STYLE.exec(text) ?? OLD_STYLE.exec(text);
  return match ? match[1]! : null;
}

/** `https://arxiv.org/abs/<id>`. */
export function arxivUrl(arxivId: string): string {
  return `https://arxiv.org/abs/${arxivId}`;
}

/**
 * The comparison key of a title: NFKD, diacritics dropped, lowercase, every run of characters
 * that are not letters or digits turned into one space, trimmed. A title made only of
 * punctuation keys as its lowercase NFKD form so that it still has a key.
 */
export function titleKey(title: string): string {
  const decomposed = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  const key = decomposed.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return key === '' ? decomposed.replace(/\s+/g, ' ').trim() : key;
}

/** Paper id of a paper known only by its title: `t:` + first 16 hex digits of sha256(titleKey). */
export function titleId(key: string): string {
  return `t:${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 16)}`;
}
