/** Finds the paper under the pointer with a d3-quadtree over the map coordinates. */
import { quadtree, type Quadtree, type QuadtreeLeaf } from 'd3';
import type { PaperSummary } from '../data/browser-format.ts';

/** Nearest-paper lookup in map coordinates. Built once per dataset. */
export class PointPicker {
  readonly #tree: Quadtree<number>;
  readonly #papers: readonly PaperSummary[];

  constructor(papers: readonly PaperSummary[]) {
    this.#papers = papers;
    this.#tree = quadtree<number>()
      .x((row) => papers[row]!.x)
      .y((row) => papers[row]!.y)
      .addAll(papers.map((_, row) => row));
  }

  /**
   * Row of the paper nearest to map point (x, y) within `radius` map units, or undefined.
   * `accept` skips rows it returns false for (for example dimmed papers).
   */
  pick(
    x: number,
    y: number,
    radius: number,
    accept: (row: number) => boolean = () => true,
  ): number | undefined {
    let best: number | undefined;
    let bestDistance = radius * radius;
    this.#tree.visit((node, x0, y0, x1, y1) => {
      if (!node.length) {
        for (
          let leaf: QuadtreeLeaf<number> | undefined = node as QuadtreeLeaf<number>;
          leaf;
          leaf = leaf.next
        ) {
          const paper = this.#papers[leaf.data]!;
          const distance = (paper.x - x) ** 2 + (paper.y - y) ** 2;
          if (distance <= bestDistance && accept(leaf.data)) {
            bestDistance = distance;
            best = leaf.data;
          }
        }
      }
      const reach = Math.sqrt(bestDistance);
      return x0 > x + reach || y0 > y + reach || x1 < x - reach || y1 < y - reach;
    });
    return best;
  }
}
