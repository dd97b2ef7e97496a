package app.offramp.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches the kernel's DAMON threads ({@code kdamond}) while the load benchmark measures, when the
 * machine runs them. On the 2-core virtual machine these benchmarks ran on, kdamond woke every
 * ~540 ms and held a core for up to ~25 ms; the slowest DMs, of the bot and of the floor alike,
 * were the ones in flight then. The benchmark reports its bursts so that a reader can tell the
 * machine's stalls from the bot's, and the p99 of the DMs no burst overlapped beside the p99 of all.
 * Polls {@code /proc/PID/schedstat} (time on a CPU, ns) every 2 ms from one daemon thread.
 */
final class KernelMonitor implements AutoCloseable {
  /** A burst: CPU time taken within {@link #GAP_NANOS} of the previous poll that saw some. */
  record Burst(long startNanos, long endNanos, long cpuNanos) {}

  private static final long POLL_NANOS = 2_000_000L;
  private static final long GAP_NANOS = 20_000_000L;
  /** A burst under this much CPU is noise (a wake-up), not a stall. */
  private static final long MIN_BURST_CPU_NANOS = 2_000_000L;

  private final List<Path> threads;
  private final List<Burst> bursts = new ArrayList<>();
  private final Thread poller;
  private volatile boolean stop;

  private KernelMonitor(List<Path> threads) {
    this.threads = threads;
    this.poller = new Thread(this::poll, "kernel-monitor");
    poller.setDaemon(true);
    if (!threads.isEmpty()) {
      poller.start();
    }
  }

  /** Starts watching every kdamond thread on this machine (none: watches nothing, reports so). */
  static KernelMonitor start() {
    List<Path> found = new ArrayList<>();
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.toList()) {
        try {
          if (p.getFileName().toString().matches("\\d+")
              && Files.readString(p.resolve("comm"), StandardCharsets.UTF_8).startsWith("kdamond")) {
            found.add(p.resolve("schedstat"));
          }
        } catch (IOException gone) {
          // the process ended while listing
        }
      }
    } catch (IOException noProc) {
      // not Linux: nothing to watch
    }
    return new KernelMonitor(found);
  }

  private long onCpuNanos() {
    long sum = 0;
    for (Path p : threads) {
      try {
        String s = Files.readString(p, StandardCharsets.UTF_8);
        sum += Long.parseLong(s.substring(0, s.indexOf(' ')));
      } catch (IOException | RuntimeException gone) {
        // the thread ended
      }
    }
    return sum;
  }

  private void poll() {
    long last = onCpuNanos();
    long start = 0;
    long end = Long.MIN_VALUE / 2;
    long cpu = 0;
    while (!stop) {
      LockSupport.parkNanos(POLL_NANOS);
      long now = System.nanoTime();
      long onCpu = onCpuNanos();
      if (onCpu > last) {
        if (now - end > GAP_NANOS) {
          record(start, end, cpu);
          start = now - POLL_NANOS;
          cpu = 0;
        }
        cpu += onCpu - last;
        end = now;
      }
      last = onCpu;
    }
    record(start, end, cpu);
  }

  private void record(long start, long end, long cpu) {
    if (cpu >= MIN_BURST_CPU_NANOS) {
      synchronized (bursts) {
        bursts.add(new Burst(start, end, cpu));
      }
    }
  }

  /** Whether some burst ran while a message sent at {@code sentNanos} and seen at {@code seenNanos} was in flight. */
  boolean overlaps(long sentNanos, long seenNanos) {
    synchronized (bursts) {
      return bursts.stream().anyMatch(b -> b.startNanos() <= seenNanos && b.endNanos() >= sentNanos);
    }
  }

  boolean watching() {
    return !threads.isEmpty();
  }

  /** One line: how many bursts, their CPU and spacing. */
  String summary() {
    if (!watching()) {
      return "no kdamond on this machine";
    }
    synchronized (bursts) {
      if (bursts.isEmpty()) {
        return "kdamond: no burst of 2 ms or more";
      }
      long total = bursts.stream().mapToLong(Burst::cpuNanos).sum();
      long largest = bursts.stream().mapToLong(Burst::cpuNanos).max().orElse(0);
      double every = bursts.size() < 2 ? 0
          : (bursts.get(bursts.size() - 1).startNanos() - bursts.get(0).startNanos()) / 1e6 / (bursts.size() - 1);
      return String.format(Locale.ROOT, "kdamond: %d bursts, %.0f ms of CPU, largest %.1f ms, one every %.0f ms",
          bursts.size(), total / 1e6, largest / 1e6, every);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    poller.join(1_000);
  }
}
