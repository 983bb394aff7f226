import { describe, expect, it } from 'vitest';
import { topicDiversity } from '../../../src/topics/quality/diversity.ts';

describe('topicDiversity', () => {
  it('counts unique words among the top words of all topics', () => {
    expect(
      topicDiversity(
        [
          [1, 2, 3],
          [3, 4, 5],
        ],
        3,
      ),
    ).toBeCloseTo(5 / 6, 12);
    expect(
      topicDiversity(
        [
          [1, 2],
          [1, 2],
        ],
        2,
      ),
    ).toBe(0.5);
  });

  it('looks only at the first `top` words', () => {
    expect(
      topicDiversity(
        [
          [1, 2, 9],
          [3, 4, 9],
        ],
        2,
      ),
    ).toBe(1);
  });

  it('is NaN without topics', () => {
    expect(topicDiversity([])).toBeNaN();
  });
});
