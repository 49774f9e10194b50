import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { describeTarget, judge, median, percentile, type Figure } from '../../bench/lib/figure';

function figure(subject: number[], baseline: number[], target?: Figure['target']): Figure {
  return {
    group: 'store',
    name: 'f',
    unit: 'ms',
    subject: { label: 's', samples: subject },
    baseline: { label: 'b', samples: baseline },
    ...(target ? { target } : {}),
  };
}

describe('median', () => {
  test('the middle sample, or the mean of the two middle ones, whatever the order', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([7]), 7);
    assert.ok(Number.isNaN(median([])));
  });

  test('does not reorder its input', () => {
    const samples = [3, 1, 2];
    median(samples);
    assert.deepEqual(samples, [3, 1, 2]);
  });
});

describe('percentile', () => {
  test('nearest rank', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1
    assert.equal(percentile(hundred, 95), 95);
    assert.equal(percentile(hundred, 50), 50);
    assert.equal(percentile(hundred, 100), 100);
    assert.equal(percentile(hundred, 0), 1);
    assert.equal(percentile([10, 20, 30, 40], 95), 40);
    assert.equal(percentile([10, 20, 30, 40], 25), 10);
    assert.ok(Number.isNaN(percentile([], 95)));
  });
});

describe('judge', () => {
  test('medians, ratio and difference', () => {
    const judged = judge(figure([12, 10, 11], [5, 4, 6]));
    assert.equal(judged.subjectMedian, 11);
    assert.equal(judged.baselineMedian, 5);
    assert.equal(judged.ratio, 2.2);
    assert.equal(judged.difference, 6);
    assert.equal(judged.met, undefined);
  });

  test('each target kind, on both sides of its bound', () => {
    const cases: [Figure['target'], number[], number[], boolean][] = [
      [{ kind: 'ratio-max', value: 1.2 }, [12], [10], true],
      [{ kind: 'ratio-max', value: 1.2 }, [13], [10], false],
      [{ kind: 'ratio-min', value: 2 }, [20], [10], true],
      [{ kind: 'ratio-min', value: 2 }, [19], [10], false],
      [{ kind: 'diff-max', value: 5 }, [15], [10], true],
      [{ kind: 'diff-max', value: 5 }, [15.5], [10], false],
      [{ kind: 'abs-max', value: 5 }, [5], [100], true],
      [{ kind: 'abs-max', value: 5 }, [5.01], [1], false],
      [{ kind: 'abs-min', value: 50_000 }, [50_000], [1], true],
      [{ kind: 'abs-min', value: 50_000 }, [49_999], [1e6], false],
    ];
    for (const [target, subject, baseline, met] of cases) {
      assert.equal(judge(figure(subject, baseline, target)).met, met, `${target!.kind} ${target!.value}: ${subject} vs ${baseline}`);
    }
  });

  test('a strict target excludes its bound, on every kind', () => {
    const cases: [Figure['target'], number[], number[], boolean][] = [
      [{ kind: 'ratio-max', value: 1, strict: true }, [10], [10], false],
      [{ kind: 'ratio-max', value: 1, strict: true }, [9.9], [10], true],
      [{ kind: 'ratio-min', value: 2, strict: true }, [20], [10], false],
      [{ kind: 'ratio-min', value: 2, strict: true }, [21], [10], true],
      [{ kind: 'diff-max', value: 5, strict: true }, [15], [10], false],
      [{ kind: 'abs-max', value: 0.5, strict: true }, [0.5], [0.1], false],
      [{ kind: 'abs-max', value: 0.5, strict: true }, [0.49], [0.1], true],
      [{ kind: 'abs-min', value: 3, strict: true }, [3], [1], false],
      [{ kind: 'abs-min', value: 3, strict: true }, [3.1], [1], true],
    ];
    for (const [target, subject, baseline, met] of cases) {
      assert.equal(judge(figure(subject, baseline, target)).met, met, `strict ${target!.kind} ${target!.value}: ${subject} vs ${baseline}`);
    }
  });

  test('a figure without samples misses its target; an absolute target needs no baseline', () => {
    assert.equal(judge(figure([], [1], { kind: 'abs-max', value: 5 })).met, false);
    assert.equal(judge(figure([1], [], { kind: 'ratio-max', value: 5 })).met, false);
    assert.equal(judge(figure([1], [], { kind: 'diff-max', value: 5 })).met, false);
    assert.equal(judge(figure([1], [], { kind: 'abs-max', value: 5 })).met, true);
  });
});

describe('describeTarget', () => {
  test('says the bound in the figure unit', () => {
    assert.equal(describeTarget({ kind: 'ratio-max', value: 1.2 }, 'ms'), '≤ 1.2×');
    assert.equal(describeTarget({ kind: 'diff-max', value: 50 }, 'ms'), '≤ +50 ms');
    assert.equal(describeTarget({ kind: 'abs-min', value: 50000 }, 'events/s'), '≥ 50000 events/s');
  });

  test('a strict bound reads < or >', () => {
    assert.equal(describeTarget({ kind: 'ratio-max', value: 1, strict: true }, 'requests/pod'), '< 1×');
    assert.equal(describeTarget({ kind: 'abs-max', value: 0.5, strict: true }, '%'), '< 0.5 %');
    assert.equal(describeTarget({ kind: 'abs-min', value: 2, strict: true }, 'MB'), '> 2 MB');
  });
});
