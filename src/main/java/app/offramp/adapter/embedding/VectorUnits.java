package app.offramp.adapter.embedding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The processor's vector units that decide which of onnxruntime's kernels run: the quantized model
 * multiplies with AVX2 on one host and AVX-512 VNNI on another, and the two round differently, so
 * vectors kept on one are not exactly what the other computes. Read from {@code /proc/cpuinfo} on
 * Linux (the first processor's flags, or an Arm core's features); elsewhere the architecture alone
 * names the processor, as before.
 */
final class VectorUnits {
  /** The flags of x86 and Arm processors that choose among onnxruntime's (MLAS's) CPU kernels. */
  private static final Set<String> KERNEL_CHOOSING = Set.of("sse4_1", "sse4_2", "avx", "avx2", "fma", "f16c", "avx512f",
      "avx512bw", "avx512dq", "avx512vl", "avx512_vnni", "avx_vnni", "avx512_bf16", "avx512_fp16", "amx_tile",
      "amx_int8", "amx_bf16", "asimd", "asimddp", "asimdhp", "i8mm", "bf16", "sve", "sve2");

  private VectorUnits() {}

  /** This machine's, e.g. {@code avx,avx2,avx512f,avx512_vnni,fma}; empty when it cannot be told. */
  static String current() {
    // One line is enough: a host with many cores has a long cpuinfo, and every core has the same units.
    try (java.util.stream.Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return of(lines.filter(l -> l.startsWith("flags") || l.startsWith("Features")).limit(1).toList());
    } catch (IOException | RuntimeException e) {
      return ""; // not Linux, or /proc hidden: the architecture still names the processor
    }
  }

  /** The kernel-choosing flags of the first {@code flags} (x86) or {@code Features} (Arm) line, sorted. */
  static String of(List<String> cpuinfo) {
    for (String line : cpuinfo) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).strip();
      if (key.equals("flags") || key.equals("Features")) {
        Set<String> units = new TreeSet<>();
        Arrays.stream(line.substring(colon + 1).strip().split("\\s+")).filter(KERNEL_CHOOSING::contains).forEach(units::add);
        return String.join(",", units);
      }
    }
    return "";
  }
}
