import { seededUniform } from './seeded-uniform';

describe(seededUniform.name, () => {
  it('replays the same stream for the same seed and a different one for another seed', () => {
    const first = seededUniform(42);
    const again = seededUniform(42);
    const other = seededUniform(43);
    const a = Array.from({ length: 5 }, first);
    expect(Array.from({ length: 5 }, again)).toEqual(a);
    expect(Array.from({ length: 5 }, other)).not.toEqual(a);
  });

  it('stays in [0, 1)', () => {
    const random = seededUniform(9);
    for (let i = 0; i < 10_000; i += 1) {
      const u = random();
      expect(u >= 0 && u < 1).toBe(true);
    }
  });
});
