package app.offramp.bench.jmh;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The matcher's one loop over every example, in the two layouts it has had: example rows packed in
 * one array with four accumulators (until 2026-11-27), and one array per dimension, adding each
 * component's share to every example's sum (what {@code IntentMatcher.similarities} does now).
 * Random unit-free vectors of the model's 384 dimensions; the sums, not their meaning, are timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SimilarityLayoutBenchmark {
  private static final int DIMENSION = 384;

  /** 639: the catalog as shipped; 6,390: ten times its examples. */
  @Param({"639", "6390"})
  public int examples;

  private float[] rows;
  private float[][] byDimension;
  private float[] vector;

  @Setup
  public void setUp() {
    Random random = new Random(42);
    rows = new float[examples * DIMENSION];
    byDimension = new float[DIMENSION][examples];
    for (int e = 0; e < examples; e++) {
      for (int j = 0; j < DIMENSION; j++) {
        float x = random.nextFloat() - 0.5f;
        rows[e * DIMENSION + j] = x;
        byDimension[j][e] = x;
      }
    }
    vector = new float[DIMENSION];
    for (int j = 0; j < DIMENSION; j++) {
      vector[j] = random.nextFloat() - 0.5f;
    }
  }

  @Benchmark
  public float[] packedRowsFourAccumulators() {
    float[] sims = new float[examples];
    for (int e = 0, base = 0; e < examples; e++, base += DIMENSION) {
      float s0 = 0;
      float s1 = 0;
      float s2 = 0;
      float s3 = 0;
      for (int j = 0; j < DIMENSION; j += 4) {
        s0 += rows[base + j] * vector[j];
        s1 += rows[base + j + 1] * vector[j + 1];
        s2 += rows[base + j + 2] * vector[j + 2];
        s3 += rows[base + j + 3] * vector[j + 3];
      }
      sims[e] = (s0 + s1) + (s2 + s3);
    }
    return sims;
  }

  @Benchmark
  public float[] byDimension() {
    float[] sims = new float[examples];
    for (int j = 0; j < DIMENSION; j++) {
      float x = vector[j];
      float[] column = byDimension[j];
      for (int e = 0; e < examples; e++) {
        sims[e] += column[e] * x;
      }
    }
    return sims;
  }
}
