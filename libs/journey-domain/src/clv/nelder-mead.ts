/** Tuning of {@link minimizeNelderMead}. */
export interface NelderMeadOptions {
  /** Edge length of each starting simplex around its start point; default 0.5. */
  readonly initialStep?: number;
  /** Converged when the simplex values differ by at most this much; default 1e-10. */
  readonly valueTolerance?: number;
  /** ...and its vertices by at most this much in every coordinate; default 1e-7. */
  readonly pointTolerance?: number;
  /** Total budget of objective evaluations over all restarts; default 20,000. */
  readonly maxEvaluations?: number;
  /** Most restarts from the best point after a run converges; default 8. */
  readonly maxRestarts?: number;
}

/** The outcome of a minimisation. */
export interface NelderMeadResult {
  readonly point: number[];
  readonly value: number;
  /** Simplex iterations over all restarts. */
  readonly iterations: number;
  readonly evaluations: number;
  /** The last run converged and a fresh simplex around its best point found nothing better. */
  readonly converged: boolean;
}

interface Vertex {
  readonly point: number[];
  readonly value: number;
}

/**
 * Minimises `objective` with the Nelder-Mead simplex method (Lagarias, Reeds, Wright & Wright (1998),
 * SIAM J. Optim. 9(1)), using the dimension-adaptive coefficients of Gao & Han (2012), Comput. Optim.
 * Appl. 51(1), and restarting from the best point until a fresh simplex no longer improves on it: a
 * simplex can collapse onto a line in a curved valley (as the BG/NBD likelihood has between r and
 * alpha) and report convergence early, and a restart is the cheap, standard cure. Derivative-free, so
 * it needs only the log-likelihood. A non-finite objective value counts as +Infinity.
 */
export function minimizeNelderMead(
  objective: (point: readonly number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const maxEvaluations = options.maxEvaluations ?? 20_000;
  const valueTolerance = options.valueTolerance ?? 1e-10;
  const maxRestarts = options.maxRestarts ?? 8;
  let evaluations = 0;
  const evaluate = (point: number[]): Vertex => {
    evaluations += 1;
    const value = objective(point);
    return { point, value: Number.isFinite(value) ? value : Infinity };
  };
  let best = evaluate([...start]);
  let iterations = 0;
  let converged = false;
  for (let run = 0; run <= maxRestarts && evaluations < maxEvaluations; run += 1) {
    const outcome = simplexRun(evaluate, best.point, options, () => evaluations < maxEvaluations);
    iterations += outcome.iterations;
    const improvement = best.value - outcome.best.value;
    if (outcome.best.value <= best.value) best = outcome.best;
    converged = outcome.converged && improvement <= valueTolerance;
    if (converged) break;
  }
  return { point: best.point, value: best.value, iterations, evaluations, converged };
}

function simplexRun(
  evaluate: (point: number[]) => Vertex,
  start: readonly number[],
  options: NelderMeadOptions,
  withinBudget: () => boolean,
): { best: Vertex; iterations: number; converged: boolean } {
  const n = start.length;
  const step = options.initialStep ?? 0.5;
  const valueTolerance = options.valueTolerance ?? 1e-10;
  const pointTolerance = options.pointTolerance ?? 1e-7;
  const reflect = 1;
  const expand = 1 + 2 / n;
  const contract = 0.75 - 1 / (2 * n);
  const shrink = 1 - 1 / n;
  const simplex: Vertex[] = [evaluate([...start])];
  for (let i = 0; i < n; i += 1) {
    const point = [...start];
    point[i] += step;
    simplex.push(evaluate(point));
  }
  const along = (from: readonly number[], to: readonly number[], t: number): number[] =>
    from.map((value, i) => value + t * (to[i] - value));
  let iterations = 0;
  while (withinBudget()) {
    simplex.sort((p, q) => p.value - q.value);
    if (hasConverged(simplex, valueTolerance, pointTolerance)) {
      return { best: simplex[0], iterations, converged: true };
    }
    iterations += 1;
    const worst = simplex[n];
    const centroid = Array.from(
      { length: n },
      (_, i) => simplex.slice(0, n).reduce((s, v) => s + v.point[i], 0) / n,
    );
    const reflected = evaluate(along(centroid, worst.point, -reflect));
    if (reflected.value < simplex[0].value) {
      const expanded = evaluate(along(centroid, worst.point, -reflect * expand));
      simplex[n] = expanded.value < reflected.value ? expanded : reflected;
      continue;
    }
    if (reflected.value < simplex[n - 1].value) {
      simplex[n] = reflected;
      continue;
    }
    const outside = reflected.value < worst.value;
    const contracted = outside
      ? evaluate(along(centroid, worst.point, -reflect * contract))
      : evaluate(along(centroid, worst.point, contract));
    if (contracted.value < (outside ? reflected.value : worst.value)) {
      simplex[n] = contracted;
      continue;
    }
    for (let i = 1; i <= n; i += 1) simplex[i] = evaluate(along(simplex[0].point, simplex[i].point, shrink));
  }
  simplex.sort((p, q) => p.value - q.value);
  return { best: simplex[0], iterations, converged: false };
}

function hasConverged(simplex: readonly Vertex[], valueTolerance: number, pointTolerance: number): boolean {
  const [best, ...rest] = simplex;
  return rest.every(
    (vertex) =>
      Math.abs(vertex.value - best.value) <= valueTolerance &&
      vertex.point.every((x, i) => Math.abs(x - best.point[i]) <= pointTolerance),
  );
}
