/**
 * A conditional logit ("which of these, or none?") fitted by Newton's method with L2 regularisation. Each group is
 * one query's candidates; the label is the candidate that answers it, or none. A candidate's utility is w·x; the
 * probability that candidate i is the answer is exp(u_i) / (1 + Σ_j exp(u_j)), the 1 standing for "none of them".
 *
 * Why not a logistic regression per candidate: that one judges each candidate alone, so it cannot learn that a
 * candidate is likelier right the less its rivals fit, and it spends its fit on telling poor candidates from
 * poorer ones. The choice model is fitted on exactly the decision the bot makes (this entry, or decline), and its
 * probabilities sum to at most 1 over a query's candidates, as the chance that an entry answers must.
 */

export interface ChoiceGroup {
  /** The candidates' feature vectors, all of one length. */
  candidates: readonly (readonly number[])[];
  /** Index of the candidate that answers, or -1 when none does. */
  answer: number;
  /** How much the group counts (1 unless given). */
  weight?: number;
}

/**
 * The weights maximising the groups' log-likelihood less `l2`/2 · |w|² over the coefficients not in `unpenalised`
 * (the biases: where the scale starts is not a measure's importance).
 */
export function fitChoice(groups: readonly ChoiceGroup[], l2: number, unpenalised: ReadonlySet<number> = new Set(), iterations = 40): number[] {
  const n = groups.find((g) => g.candidates.length > 0)?.candidates[0]!.length ?? 0;
  const w = new Array<number>(n).fill(0);
  for (let iteration = 0; iteration < iterations; iteration++) {
    const gradient = new Array<number>(n).fill(0);
    const hessian = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    const mean = new Array<number>(n);
    for (const { candidates, answer, weight = 1 } of groups) {
      if (candidates.length === 0) continue;
      const utilities = candidates.map((x) => dot(w, x));
      const max = Math.max(0, ...utilities);
      const exps = utilities.map((u) => Math.exp(u - max));
      const total = Math.exp(-max) + exps.reduce((a, b) => a + b, 0);
      mean.fill(0);
      candidates.forEach((x, c) => {
        const p = exps[c]! / total;
        const pw = p * weight;
        if (p < 1e-12) return;
        for (let i = 0; i < n; i++) {
          const xi = x[i]!;
          if (xi === 0) continue;
          mean[i]! += p * xi;
          const row = hessian[i]!;
          for (let j = 0; j <= i; j++) row[j]! += pw * xi * x[j]!;
        }
      });
      // Gradient of the negative log-likelihood: expected features less the answer's.
      for (let i = 0; i < n; i++) {
        gradient[i]! += weight * (mean[i]! - (answer >= 0 ? candidates[answer]![i]! : 0));
        const mi = mean[i]!;
        if (mi === 0) continue;
        const row = hessian[i]!;
        for (let j = 0; j <= i; j++) row[j]! -= weight * mi * mean[j]!;
      }
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) hessian[j]![i] = hessian[i]![j]!;
      const penalty = unpenalised.has(i) ? 1e-6 : l2;
      gradient[i]! += penalty * w[i]!;
      hessian[i]![i]! += penalty;
    }
    const step = solve(hessian, gradient);
    // Newton's full step can overshoot far from the optimum: halve it until the loss goes down.
    const before = loss(w, groups, l2, unpenalised);
    let scale = 1;
    let next = w.map((v, i) => v - step[i]!);
    while (scale > 1e-6 && !(loss(next, groups, l2, unpenalised) <= before)) {
      scale /= 2;
      next = w.map((v, i) => v - scale * step[i]!);
    }
    let largest = 0;
    for (let i = 0; i < n; i++) {
      largest = Math.max(largest, Math.abs(next[i]! - w[i]!));
      w[i] = next[i]!;
    }
    if (largest < 1e-7) break;
  }
  return w;
}

/** The negative log-likelihood of the groups plus the penalty. */
function loss(w: readonly number[], groups: readonly ChoiceGroup[], l2: number, unpenalised: ReadonlySet<number>): number {
  let sum = 0;
  for (const { candidates, answer, weight = 1 } of groups) {
    if (candidates.length === 0) continue;
    const utilities = candidates.map((x) => dot(w, x));
    const max = Math.max(0, ...utilities);
    const logTotal = max + Math.log(Math.exp(-max) + utilities.reduce((a, u) => a + Math.exp(u - max), 0));
    sum += weight * (logTotal - (answer >= 0 ? utilities[answer]! : 0));
  }
  for (let i = 0; i < w.length; i++) sum += ((unpenalised.has(i) ? 1e-6 : l2) / 2) * w[i]! * w[i]!;
  return sum;
}

/** Each candidate's probability of being the answer under weights `w` (the rest, to 1, is "none"). */
export function choiceProbabilities(w: readonly number[], candidates: readonly (readonly number[])[]): number[] {
  const utilities = candidates.map((x) => dot(w, x));
  const max = Math.max(0, ...utilities);
  const exps = utilities.map((u) => Math.exp(u - max));
  const total = Math.exp(-max) + exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite here). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = col + 1; r < n; r++) {
      const factor = m[r]![col]! / m[col]![col]!;
      if (factor === 0) continue;
      for (let c = col; c <= n; c++) m[r]![c]! -= factor * m[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = m[r]![n]!;
    for (let c = r + 1; c < n; c++) sum -= m[r]![c]! * x[c]!;
    x[r] = sum / m[r]![r]!;
  }
  return x;
}
