/**
 * A tiny corpus with known structure for topic tests: two themes (efficiency: pruning and
 * quantization; alignment: RLHF and jailbreak safety), four papers per topic, and one paper on
 * survival analysis that belongs nowhere.
 */
import { exactKnn } from '../../src/index/exact-knn.ts';
import type { TopicDoc, TopicInput } from '../../src/topics/discover-topics.ts';
import { THEMED_DIM, themedVectors } from './fixture-vectors.ts';

/** Theme of each group: pruning 0 and quantization 1 → efficiency; RLHF 2 and safety 3 → alignment; 4 (for papers added in tests) → a theme of its own. */
export const THEME_OF_GROUP = [0, 0, 1, 1, 2];

/** Papers with their group (-1: none). */
export const FIXTURE_PAPERS: (TopicDoc & { group: number })[] = [
  {
    id: 'p1',
    group: 0,
    title: 'Structured pruning of LLMs',
    abstract: 'We prune attention heads. Structured pruning keeps accuracy at high sparsity.',
  },
  {
    id: 'p2',
    group: 0,
    title: 'Pruning with sparsity masks',
    abstract: 'Sparsity masks select weights; structured pruning removes channels.',
  },
  {
    id: 'p3',
    group: 0,
    title: 'One-shot pruning',
    abstract: 'One-shot structured pruning reaches sparsity without retraining.',
  },
  {
    id: 'p4',
    group: 0,
    title: 'Sparsity in vision transformers',
    abstract: 'Pruning tokens and weights gives sparsity in ViT.',
  },
  {
    id: 'q1',
    group: 1,
    title: 'Post-training quantization',
    abstract: 'We quantize weights to 4-bit integers; quantization error stays low.',
  },
  {
    id: 'q2',
    group: 1,
    title: 'Quantization of KV cache',
    abstract: 'KV cache quantization with 4-bit integers saves memory.',
  },
  {
    id: 'q3',
    group: 1,
    title: 'Mixed-precision quantization',
    abstract: 'Quantization picks bit widths per layer; integers speed decoding.',
  },
  {
    id: 'q4',
    group: 1,
    title: 'Outliers hurt quantization',
    abstract: 'Activation outliers make 4-bit quantization hard.',
  },
  {
    id: 'r1',
    group: 2,
    title: 'RLHF with reward models',
    abstract: 'Reward models trained on human preferences guide RLHF with PPO.',
  },
  {
    id: 'r2',
    group: 2,
    title: 'Direct preference optimization',
    abstract: 'DPO replaces RLHF reward models with human preferences directly.',
  },
  {
    id: 'r3',
    group: 2,
    title: 'Scaling reward models',
    abstract: 'Larger reward models follow human preferences in RLHF.',
  },
  {
    id: 'r4',
    group: 2,
    title: 'PPO for RLHF',
    abstract: 'PPO stabilizes RLHF; reward models overfit human preferences.',
  },
  {
    id: 's1',
    group: 3,
    title: 'Jailbreak attacks on chatbots',
    abstract: 'Jailbreak prompts bypass safety filters of chatbots.',
  },
  {
    id: 's2',
    group: 3,
    title: 'Red teaming for safety',
    abstract: 'Red teaming finds jailbreak prompts and harmful outputs.',
  },
  {
    id: 's3',
    group: 3,
    title: 'Safety guardrails',
    abstract: 'Guardrails block harmful outputs and jailbreak prompts.',
  },
  {
    id: 's4',
    group: 3,
    title: 'Harmful content filters',
    abstract: 'Safety filters detect harmful content in jailbreak attempts.',
  },
  {
    id: 'x1',
    group: -1,
    title: 'Survival analysis of hazards',
    abstract: 'Hazard functions model survival times of patients.',
  },
];

/** The fixture as topic input: exact 6-NN graph over the hand-made vectors. */
export function fixtureInput(papers = FIXTURE_PAPERS): TopicInput {
  const vectors = themedVectors(
    papers.map((p) => p.group),
    THEME_OF_GROUP,
  );
  return {
    vectors,
    dim: THEMED_DIM,
    graph: exactKnn(vectors, THEMED_DIM, Math.min(6, papers.length - 1)),
    docs: papers.map(({ id, title, abstract }) => ({ id, title, abstract })),
  };
}
