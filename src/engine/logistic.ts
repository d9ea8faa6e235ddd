/**
 * L2-regularised logistic regression by Newton's method: a dozen features and tens of thousands of rows converge
 * in a few iterations, exactly, with nothing to tune but the regularisation. Used offline to fit the confidence
 * model (`npm run fit-confidence`); the matcher itself only evaluates the fitted weights.
 */

export interface LogisticFit {
  bias: number;
  weights: number[];
}

export function fitLogistic(rows: readonly (readonly number[])[], labels: readonly boolean[], l2 = 1, iterations = 30): LogisticFit {
  const n = (rows[0]?.length ?? 0) + 1; // the bias is the last coefficient
  const beta = new Array<number>(n).fill(0);
  for (let iteration = 0; iteration < iterations; iteration++) {
    const gradient = new Array<number>(n).fill(0);
    const hessian = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    rows.forEach((row, r) => {
      const x = [...row, 1];
      const p = sigmoid(dot(beta, x));
      const residual = p - (labels[r] ? 1 : 0);
      const curvature = Math.max(p * (1 - p), 1e-9);
      for (let i = 0; i < n; i++) {
        gradient[i]! += residual * x[i]!;
        for (let j = 0; j <= i; j++) hessian[i]![j]! += curvature * x[i]! * x[j]!;
      }
    });
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) hessian[j]![i] = hessian[i]![j]!;
      // The bias is not shrunk: only how much each measure matters is.
      if (i < n - 1) {
        gradient[i]! += l2 * beta[i]!;
        hessian[i]![i]! += l2;
      }
    }
    const step = solve(hessian, gradient);
    let largest = 0;
    for (let i = 0; i < n; i++) {
      beta[i]! -= step[i]!;
      largest = Math.max(largest, Math.abs(step[i]!));
    }
    if (largest < 1e-8) break;
  }
  return { bias: beta[n - 1]!, weights: beta.slice(0, n - 1) };
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
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
