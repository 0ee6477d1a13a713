import { describe, expect, it } from 'vitest';
import { EXAMPLE_FEATURES } from './examples.ts';
import { parseFeatureOfType } from './parse-feature.ts';
import { pipeSlope } from './pipe.ts';
import { manholeDepth } from './manhole.ts';

describe('pipe and manhole helpers', () => {
  it('computes pipe slope from inverts and length (m/m, positive falling downstream)', () => {
    const pipe = parseFeatureOfType('pipe', EXAMPLE_FEATURES.pipe);
    expect(pipeSlope(pipe)).toBeCloseTo((19.2 - 19.0) / 40, 12);
    expect(pipeSlope({ upstreamInvert: 10, downstreamInvert: 10.5, length: 50 })).toBeCloseTo(-0.01, 12);
  });

  it('computes manhole depth from rim to invert (m)', () => {
    const manhole = parseFeatureOfType('manhole', EXAMPLE_FEATURES.manhole);
    expect(manholeDepth(manhole)).toBeCloseTo(2.8, 12);
  });
});
