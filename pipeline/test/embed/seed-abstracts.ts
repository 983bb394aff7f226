/**
 * Title + abstract of named papers from the seed pages in `seeds/`, for tests with the real
 * model. On those pages a title line is followed by a blank line and the abstract paragraph.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SEEDS_DIR = fileURLToPath(new URL('../../../seeds', import.meta.url));

/** Three model-merging papers. */
export const MERGING_TITLES = [
  'Parameter Competition Balancing for Model Merging',
  'Merging Models with Fisher-Weighted Averaging',
  'AdaMerging: Adaptive Model Merging for Multi-Task Learning',
];

/** Papers on other subjects from the same pages. */
export const OTHER_TITLES = [
  'Global Vision Transformer Pruning with Hessian-Aware Saliency',
  'HoloBeam: Learning Optimal Beamforming in Far-Field Holographic Metasurface Transceivers',
  'StageInteractor: Query-based Object Detector with Cross-stage Interaction',
  'MgNO: Efficient Parameterization of Linear Operators via Multigrid',
  'ULSAM: Ultra-Lightweight Subspace Attention Module for Compact Convolutional Neural Networks',
];

/** The abstract printed under `title` on the first seed page that lists it. */
export function seedAbstract(title: string): string {
  for (const name of readdirSync(SEEDS_DIR).sort()) {
    const lines = readFileSync(join(SEEDS_DIR, name), 'utf8').split('\n');
    const at = lines.findIndex((line) => line.trim() === title);
    if (at < 0) continue;
    const abstract = lines.slice(at + 1).find((line) => line.trim() !== '');
    if (abstract) return abstract.trim();
  }
  throw new Error(`no seed page in ${SEEDS_DIR} lists "${title}" with an abstract`);
}
