/**
 * The tokenizer gives exactly the corpus its former pattern-based version gave
 * (`reference-tokenize.ts`): every surface, key, generic flag and token of every document, on
 * hand-written edge cases, random strings of awkward characters, the seed pages, and samples of
 * the shared HF and arXiv corpora when `../shared` is present.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { isDeepStrictEqual } from 'node:util';
import { createGunzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ingestInputs } from '../../src/ingest/ingest.ts';
import { seededRandom } from '../../src/topics/seeded-random.ts';
import { tokenizeCorpus } from '../../src/topics/tokenize.ts';
import { sharedDataset } from '../ingest/shared-datasets.ts';
import { referenceTokenizeCorpus } from './reference-tokenize.ts';

type Doc = { title: string; abstract: string };

/** The whole corpus compared; on a difference, part by part for a readable message. */
function expectSameCorpus(docs: Doc[]): void {
  const expected = referenceTokenizeCorpus(docs);
  const actual = tokenizeCorpus(docs);
  if (isDeepStrictEqual(actual, expected)) return;
  expect(actual.surfaces).toEqual(expected.surfaces);
  expect(actual.keys).toEqual(expected.keys);
  expect(actual.surfaceKey).toEqual(expected.surfaceKey);
  expect(actual.generic).toEqual(expected.generic);
  expect(actual.docs).toEqual(expected.docs);
  expect(actual).toEqual(expected);
}

const EDGE_CASES: Doc[] = [
  { title: '', abstract: '' },
  { title: '...', abstract: '?! — (–) ;' },
  {
    title: 'Fine-tuning state-of-the-art text-to-image models',
    abstract:
      'A -leading hyphen, a trailing- one, a--double, x- y, -- and - alone. Self-supervised, co-training.',
  },
  {
    title: 'ReaLHF’s planner and the model’s cost',
    abstract:
      "The model's weights, the models' weights, GPT's answer, LLMs' answers, don't, 'quoted', ’tis, it’s’, rock'n'roll, O'Brien.",
  },
  {
    title: 'Qwen2.5-VL-7B beats GPT-4.1 and Llama-3.1-8B',
    abstract:
      'We tune it in 2024. We use v2.5, 2.5.3, 3.14 and 1.x, x.1, a.b, 1. 2, version 2.0. Then 10.5% and 1,000 runs (v2). e.g. the i.e. case',
  },
  {
    title: 'Большие языковые модели и 中文 模型',
    abstract:
      'Модели обучаются. 日本語のモデル。العربية النماذج. हिन्दी भाषा मॉडल. Ελληνικά μοντέλα; 한국어 모델.',
  },
  {
    title: 'Café and cafe\u0301 and naïve and nai\u0308ve',
    abstract: 'Combining marks: a\u0301b, \u0301start, end\u0301. Ångström and A\u030angstrom.',
  },
  {
    title: '2024 3D 123abc',
    abstract: 'Digits only: 2024, 42. Arabic ٣ and ٤٥, superscript x² and ², Ⅻ and ½, 3D-printed.',
  },
  {
    title: '🚀 Rocket LLM🔥fire',
    abstract:
      'Emoji 👩‍💻 coder, flags 🇫🇷 France, 😀. Done! Math 𝑥-axis and 𝟏.𝟐 and 𝐀𝐁 and 𝟏.5 and 5.𝟏.',
  },
  {
    title: 'Lone \uD800surrogates abc\uDC00 x',
    abstract: 'High \uD835 alone, low \uDC00 alone, \uDC00\uD800 reversed, end \uD835',
  },
  {
    title: 'Sentence ends',
    abstract:
      'Done! Next? Yes. ok “Quoted.” Next. Is it? no... Ellipsis… Then「括弧」and 。Full stop',
  },
  {
    title: 'White\u00a0space\u2009kinds\u3000here',
    abstract:
      'Line\nbreak\ttab\rreturn\u2028sep\u200bzero-width\ufeffbom\u0085nel\u000bvt\u000cff\u1680ogham\u202fnarrow',
  },
  {
    title: 'Apostrophes and hyphens at the edges-',
    abstract: "'s alone, s' end, x's, 's's, a-'b, a'-b, 2's, 4’s, LoRA's. -' '- end'",
  },
  { title: 'LLMs and an LLM', abstract: 'Strategies, one strategy, analysis and classes. GPUs.' },
];

/** Characters that test every branch of the scanner, drawn at random into words and gaps. */
const ALPHABET = [
  ..."aZ09 .!?-'’,;()/\n\t\u00a0\u200b\u0301éß",
  'ß',
  '٣',
  '²',
  '中',
  '𝑥',
  '𝟏',
  '🚀',
  '\uD800',
  '\uDC00',
  'model',
  'LLMs',
  'the',
];

function randomDocs(count: number, seed: number): Doc[] {
  const random = seededRandom(seed);
  const text = (length: number) =>
    Array.from({ length }, () => ALPHABET[Math.floor(random() * ALPHABET.length)]).join('');
  return Array.from({ length: count }, () => ({ title: text(8), abstract: text(60) }));
}

/** Title and abstract of the first `limit` papers of a shared JSONL corpus, as stored. */
async function readShared(file: string, limit: number): Promise<Doc[]> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()) });
  const docs: Doc[] = [];
  for await (const line of lines) {
    if (docs.length >= limit) break;
    if (line.trim() === '') continue;
    const { title, abstract } = JSON.parse(line) as Doc;
    docs.push({ title, abstract });
  }
  lines.close();
  return docs;
}

describe('tokenizeCorpus equals the reference tokenizer', () => {
  it('on hand-written edge cases, one by one and together', () => {
    for (const doc of EDGE_CASES) expectSameCorpus([doc]);
    expectSameCorpus(EDGE_CASES);
  });

  it('on random strings of awkward characters', () => {
    expectSameCorpus(randomDocs(500, 7));
  });

  it('tells a changed token apart (the comparison can fail)', () => {
    const docs = [{ title: 'Fine-tuning', abstract: 'GPT-4.1 in 2024. We' }];
    expect(tokenizeCorpus(docs)).not.toEqual(
      referenceTokenizeCorpus([{ title: 'Fine tuning', abstract: 'GPT-4.1 in 2024. We' }]),
    );
  });

  it('on the seed pages', async () => {
    const { papers } = await ingestInputs(['seeds'], { year: 2024, yearSource: 'option' });
    expect(papers.length).toBeGreaterThan(0);
    expectSameCorpus(papers.map(({ title, abstract }) => ({ title, abstract })));
  });

  const hf = sharedDataset('hf-daily-papers/papers.jsonl.gz');
  it.skipIf(!existsSync(hf))('on 2,000 HF daily papers (skipped without ../shared)', async () => {
    expectSameCorpus(await readShared(hf, 2000));
  });

  const arxiv = sharedDataset('arxiv-cs-daily/papers.jsonl.gz');
  it.skipIf(!existsSync(arxiv))(
    'on 2,000 arXiv abstracts (skipped without ../shared)',
    async () => {
      expectSameCorpus(await readShared(arxiv, 2000));
    },
  );
});
