package app.offramp.core.match;

import java.util.List;

/**
 * Logistic regression: the probability that a candidate intent is the right answer to a message,
 * from the candidate's features. Fitted when the intents load, by Newton's method (iteratively
 * reweighted least squares) with a small ridge penalty, on standardized features; deterministic,
 * a few milliseconds for thousands of rows.
 *
 * <p>Why a fitted model and not hand-set weights: the weights then come from the admin's own
 * examples, so adding examples (or an intent) re-balances the matcher without anyone re-tuning
 * constants, and the output is a probability a threshold can be read against.
 */
final class ScoreModel {
  /** Ridge penalty on the standardized weights (not the bias): keeps the fit stable when features correlate. */
  static final double RIDGE = 1.0;
  private static final int MAX_ITERATIONS = 50;

  private final double[] mean;
  private final double[] scale;
  private final double[] weights; // [0] is the bias

  private ScoreModel(double[] mean, double[] scale, double[] weights) {
    this.mean = mean;
    this.scale = scale;
    this.weights = weights;
  }

  static ScoreModel fit(List<double[]> rows, List<Boolean> labels) {
    int n = rows.size();
    int d = rows.get(0).length;
    double[] mean = new double[d];
    double[] scale = new double[d];
    for (double[] r : rows) {
      for (int j = 0; j < d; j++) {
        mean[j] += r[j] / n;
      }
    }
    for (double[] r : rows) {
      for (int j = 0; j < d; j++) {
        scale[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
      }
    }
    for (int j = 0; j < d; j++) {
      scale[j] = scale[j] > 1e-12 ? Math.sqrt(scale[j]) : 1;
    }
    double[][] x = new double[n][d + 1];
    for (int i = 0; i < n; i++) {
      x[i][0] = 1;
      for (int j = 0; j < d; j++) {
        x[i][j + 1] = (rows.get(i)[j] - mean[j]) / scale[j];
      }
    }
    double[] w = new double[d + 1];
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double[] gradient = new double[d + 1];
      double[][] hessian = new double[d + 1][d + 1];
      for (int i = 0; i < n; i++) {
        double p = sigmoid(dot(w, x[i]));
        double y = labels.get(i) ? 1 : 0;
        double s = Math.max(p * (1 - p), 1e-9);
        for (int a = 0; a <= d; a++) {
          gradient[a] += (p - y) * x[i][a];
          for (int b = 0; b <= d; b++) {
            hessian[a][b] += s * x[i][a] * x[i][b];
          }
        }
      }
      for (int a = 1; a <= d; a++) {
        gradient[a] += RIDGE * w[a];
        hessian[a][a] += RIDGE;
      }
      double[] step = solve(hessian, gradient);
      double change = 0;
      for (int a = 0; a <= d; a++) {
        w[a] -= step[a];
        change = Math.max(change, Math.abs(step[a]));
      }
      if (change < 1e-6) {
        break;
      }
    }
    return new ScoreModel(mean, scale, w);
  }

  double probability(double[] features) {
    return sigmoid(linear(features));
  }

  /** Each feature's share of the log-odds (standardized value times weight), for explanations. */
  double[] contributions(double[] features) {
    double[] out = new double[features.length];
    for (int j = 0; j < features.length; j++) {
      out[j] = weights[j + 1] * (features[j] - mean[j]) / scale[j];
    }
    return out;
  }

  double bias() {
    return weights[0];
  }

  private double linear(double[] features) {
    double z = weights[0];
    for (int j = 0; j < features.length; j++) {
      z += weights[j + 1] * (features[j] - mean[j]) / scale[j];
    }
    return z;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** Gaussian elimination with partial pivoting; the system is small (one row per feature). */
  private static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n] = b[i];
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
          pivot = r;
        }
      }
      double[] t = m[col];
      m[col] = m[pivot];
      m[pivot] = t;
      if (Math.abs(m[col][col]) < 1e-12) {
        continue;
      }
      for (int r = 0; r < n; r++) {
        if (r != col) {
          double f = m[r][col] / m[col][col];
          for (int c = col; c <= n; c++) {
            m[r][c] -= f * m[col][c];
          }
        }
      }
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.abs(m[i][i]) < 1e-12 ? 0 : m[i][n] / m[i][i];
    }
    return x;
  }
}
