package app.offramp.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The packaged bot under load, against the project's Discord emulator on 127.0.0.1 with an
 * emulated network round trip. A benchmark to run and report, not a test (BENCHMARKS.md):
 *
 * <pre>./mvnw -q package -DskipTests test-compile
 * ./mvnw -q dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test
 * java -XX:+UseZGC -cp target/classes:target/test-classes:$(cat target/test.classpath) app.offramp.e2e.LoadBenchmark [runs]</pre>
 *
 * <p>ZGC because the emulator and the load run in this JVM: its stop-the-world pauses would be
 * counted as the bot's latency (it warns when run without).
 *
 * <p>Each run starts {@code java -jar target/offramp.jar} as an admin would (token and URLs in the
 * environment) and reports: the start-up timeline from process start (first REST request,
 * IDENTIFY, READY, commands registered, first answer to a DM sent the moment READY went out); RSS
 * once idle; the warm-up (DMs until the JIT compiler is quiet); gateway event to the first REST
 * request it caused, p50/p99/max, for DMs at 200 a second (each from a new member), with CPU per DM
 * by thread kind, and for one support channel at 25 a second (the first request is the thread's
 * creation; the answer in the thread is reported too); RSS after the load. Then the floor: the same
 * DMs against {@link EchoBot}. Options: {@code -Dload.seconds=10 -Dload.rtt=20 -Dload.dm-rate=200
 * -Dload.channel-rate=25 -Dload.warmup-min=20 -Dload.warmup-max=180 -Dload.floor=true},
 * {@code -Dload.bot-java-options=...} (JVM options for the bot, e.g. a profiler),
 * {@code -Dload.vectors=kept} (the examples' vectors kept from run to run, as across a restart: the
 * first run is a first start) or {@code fresh} (every run a first start).
 */
public final class LoadBenchmark {
  private static final Path SPEC = Path.of("..", "shared", "discord", "openapi.json");
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int WARM_ROUND_SECONDS = 5;
  /** Questions written for this benchmark (not from ../shared/eval): answers, walk-throughs, out of scope. */
  private static final String[] QUESTIONS = {"how do i cancel amazon music on my phone",
      "is there a fee if I cancel early", "will my playlists be gone after I cancel",
      "whats the difference between prime music and unlimited", "can you recommend a pizza place",
      "cancel my music subscription pls", "who do i contact for help with billing", "hi"};
  /**
   * In a support channel only questions the bot understands open a thread (the rest are left to
   * staff, silently), so the channel load uses those.
   */
  private static final String[] CHANNEL_QUESTIONS = {"how do i cancel amazon music on my phone",
      "is there a fee if I cancel early", "will my playlists be gone after I cancel",
      "whats the difference between prime music and unlimited", "cancel my music subscription pls"};

  private LoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    int seconds = Integer.getInteger("load.seconds", 10);
    int rtt = Integer.getInteger("load.rtt", 20);
    int dmRate = Integer.getInteger("load.dm-rate", 200);
    int channelRate = Integer.getInteger("load.channel-rate", 25);
    String collectors = java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
        .map(java.lang.management.GarbageCollectorMXBean::getName).collect(java.util.stream.Collectors.joining(", "));
    System.out.printf(Locale.ROOT,
        "%d cores, %s %s (emulator's collectors: %s); %d s at %d DMs/s and %d channel questions/s, %d ms round trip%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
        collectors, seconds, dmRate, channelRate, rtt);
    if (!collectors.contains("ZGC")) {
      // The emulator and the load share this JVM: its stop-the-world pauses (45 ms seen with G1)
      // delay events and the receipt of requests, and would be counted as the bot's latency.
      System.out.println("warning: run this with -XX:+UseZGC, or the emulator's own GC pauses count as the bot's latency");
    }
    // The examples' vectors (match.vectors-cache) kept from one run to the next, as across a restart,
    // unless -Dload.vectors=fresh: then every run is a first start that encodes them all.
    boolean keepVectors = !"fresh".equals(System.getProperty("load.vectors", "kept"));
    Path vectors = Files.createTempDirectory("offramp-load-vectors").resolve("example-vectors.bin");
    for (int i = 1; i <= runs; i++) {
      if (Boolean.parseBoolean(System.getProperty("load.bot", "true"))) {
        if (!keepVectors) {
          Files.deleteIfExists(vectors);
        }
        String start = Files.exists(vectors) ? "a restart, example vectors kept" : "a first start, no example vectors kept";
        System.out.println("run " + i + " (" + start + "): " + run(seconds, rtt, dmRate, channelRate, vectors));
      }
      if (Boolean.parseBoolean(System.getProperty("load.floor", "true"))) {
        System.out.println("floor " + i + " (JDA answering \"ok\", no bot work): " + floor(seconds, rtt, dmRate));
      }
    }
  }

  /** One run against the packaged bot: start-up timeline, RSS, DMs, one support channel. */
  static String run(int seconds, int rttMillis, int dmRate, int channelRate, Path vectors) throws Exception {
    try (DiscordEmulator discord = new DiscordEmulator(SPEC)) {
      Timings t = new Timings(discord, rttMillis);
      // Extra JVM options for the bot only (a profiler, a heap size), through the launcher's variable.
      String botOptions = System.getProperty("load.bot-java-options", "");
      Path log = Files.createTempFile("offramp-load", ".log");
      long start = System.nanoTime();
      Map<String, String> env = new java.util.HashMap<>(Map.of("OFFRAMP_MATCH_VECTORS_CACHE", vectors.toString()));
      if (!botOptions.isBlank()) {
        env.put("JDK_JAVA_OPTIONS", botOptions);
      }
      Process process = BotProcess.start(discord, env, log);
      try {
        // Start-up: ask the moment READY goes out, as a member who wrote while the bot was starting.
        long firstMember = 600_000_000_000_000_000L;
        discord.awaitReady(WAIT);
        t.sentAt.put(DiscordEmulator.dmChannel(firstMember), System.nanoTime());
        discord.directMessage(firstMember, "first", QUESTIONS[1]);
        DiscordEmulator.Call commands = discord.await(
            c -> c.is("PUT", "/applications/{application_id}/guilds/{guild_id}/commands"), WAIT, "commands");
        discord.await(c -> c.path().contains("/" + DiscordEmulator.dmChannel(firstMember) + "/"), WAIT, "the first answer");
        long firstRest = discord.calls().get(0).receivedNanos();
        String startup = String.format(Locale.ROOT,
            "start-up: first REST %s, IDENTIFY %s, READY %s, commands registered %s, first answer %s",
            secs(firstRest - start), secs(discord.firstIdentifyNanos() - start), secs(discord.firstReadyNanos() - start),
            secs(commands.receivedNanos() + rttMillis * 1_000_000L - start),
            secs(t.answeredAt.get(DiscordEmulator.dmChannel(firstMember)) - start));
        discord.keepHistory(false);
        // Idle: let start-up's garbage and JIT settle as a bot between questions would.
        Thread.sleep(5_000);
        long idleRss = rssKb(process.pid());
        String dms = t.warmThenMeasureDms(process, seconds, dmRate);
        // The channel's own code (threads opened, their first messages) warms up as the DMs' did:
        // measured cold, its first questions were 60–120 ms and made the p99 of 250.
        int channelWarmup = t.warmUp(process, 10, 60, round -> t.channel(channelRate, WARM_ROUND_SECONDS,
            615_000_000_000_000_000L + round * 10_000_000L), new ArrayList<>());
        Timings.Measured channel = t.measure(() -> t.channel(channelRate, seconds, 620_000_000_000_000_000L),
            t.answeredAt, ".channel");
        List<Long> channelKeys = channel.keys();
        long loadedRss = rssKb(process.pid());
        String result = startup + String.format(Locale.ROOT,
            "; RSS idle %d MB, after load %d MB; %s; channel (after %d s of warm-up) event→thread created %s, "
                + "→answer in thread %s [machine: %s]",
            idleRss / 1024, loadedRss / 1024, dms, channelWarmup, percentiles(t.sentAt, t.firstRequest, channelKeys),
            percentiles(t.sentAt, t.answeredAt, channelKeys), channel.machine());
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the bot did not stop within 30 s of SIGTERM; log: " + log);
        }
        return result;
      } finally {
        process.destroyForcibly();
      }
    }
  }

  /**
   * The same DM load against {@link EchoBot} (real JDA answering "ok", nothing else): what the
   * emulator, JDA and the machine cost before the bot does any work.
   */
  static String floor(int seconds, int rttMillis, int dmRate) throws Exception {
    try (DiscordEmulator discord = new DiscordEmulator(SPEC)) {
      Timings t = new Timings(discord, rttMillis);
      Path log = Files.createTempFile("offramp-echo", ".log");
      Process process = BotProcess.startEcho(discord, Map.of(), log);
      try {
        long firstMember = 600_000_000_000_000_000L;
        discord.awaitReady(WAIT);
        discord.directMessage(firstMember, "first", QUESTIONS[1]);
        discord.await(c -> c.path().contains("/" + DiscordEmulator.dmChannel(firstMember) + "/"), WAIT, "the first answer");
        discord.keepHistory(false);
        Thread.sleep(5_000);
        return t.warmThenMeasureDms(process, seconds, dmRate);
      } finally {
        process.destroyForcibly();
      }
    }
  }

  /** When each question was sent and when the requests it caused arrived, by channel (or message) id. */
  private static final class Timings {
    final DiscordEmulator discord;
    final Map<Long, Long> sentAt = new ConcurrentHashMap<>();
    final Map<Long, Long> firstRequest = new ConcurrentHashMap<>();
    final Map<Long, Long> answeredAt = new ConcurrentHashMap<>();

    Timings(DiscordEmulator discord, int rttMillis) {
      this.discord = discord;
      discord.validating(false);
      discord.roundTrip(Duration.ofMillis(rttMillis));
      discord.onCall(c -> {
        if (!c.method().equals("POST")) {
          return;
        }
        String[] parts = c.path().split("/");
        if (c.template().equals("/channels/{channel_id}/messages/{message_id}/threads")) {
          firstRequest.putIfAbsent(Long.parseLong(parts[6]), c.receivedNanos());
        } else if (c.template().equals("/channels/{channel_id}/messages")) {
          // A DM's channel, or a thread the emulator gave the id of the member's message.
          long channel = Long.parseLong(parts[4]);
          firstRequest.putIfAbsent(channel, c.receivedNanos());
          answeredAt.putIfAbsent(channel, c.receivedNanos());
        }
      });
    }

    /**
     * Warm-up: the DM mix at the measured rate, not measured, until the JIT compiler is quiet (its
     * threads used under 2 % of a core in the last round), so the figures are those of a process
     * that has run for a while, not of its first minutes (the start-up timeline reports those).
     * Then DMs at {@code rate} for {@code seconds}, measured.
     */
    String warmThenMeasureDms(Process process, int seconds, int rate) throws IOException, InterruptedException {
      List<String> rounds = new ArrayList<>();
      warmUp(process, Integer.getInteger("load.warmup-min", 20), Integer.getInteger("load.warmup-max", 180),
          round -> dms(rate, WARM_ROUND_SECONDS, 605_000_000_000_000_000L + round * 10_000_000L), rounds);
      long cpu0 = cpuMillis(process.pid());
      Map<String, Long> threads0 = threadCpuMillis(process.pid());
      long ownCpu0 = ownCpuMillis();
      Measured measured = measure(() -> dms(rate, seconds, 610_000_000_000_000_000L), firstRequest, "");
      List<Long> keys = measured.keys();
      return String.format(Locale.ROOT,
          "warm-up %d s (JIT compiler CPU per %d s round, ms: %s); DMs event→first REST %s "
              + "(CPU per DM: bot %.2f ms, emulator and load %.2f ms; by thread kind %s) [machine: %s]",
          rounds.size() * WARM_ROUND_SECONDS, WARM_ROUND_SECONDS, String.join(" ", rounds),
          percentiles(sentAt, firstRequest, keys), (cpuMillis(process.pid()) - cpu0) / (double) keys.size(),
          (ownCpuMillis() - ownCpu0) / (double) keys.size(),
          topThreads(threads0, threadCpuMillis(process.pid()), keys.size()), measured.machine());
    }

    /** One warm-up round's questions. */
    interface Round {
      List<Long> send(int round) throws IOException;
    }

    /** A measured phase's questions. */
    interface Phase {
      List<Long> send() throws IOException;
    }

    /**
     * Rounds of {@link #WARM_ROUND_SECONDS}, not measured, until the JIT compiler threads used under
     * 2 % of a core in a round (after {@code minSeconds}, at most {@code maxSeconds}); each round's
     * compiler CPU (ms) goes to {@code rounds}. Returns the seconds spent.
     */
    int warmUp(Process process, int minSeconds, int maxSeconds, Round round, List<String> rounds)
        throws IOException, InterruptedException {
      int r = 0;
      for (; r * WARM_ROUND_SECONDS < maxSeconds; r++) {
        long compiler0 = compilerCpuMillis(process.pid());
        List<Long> keys = round.send(r);
        awaitAll(firstRequest, keys);
        long compiler = compilerCpuMillis(process.pid()) - compiler0;
        rounds.add(Long.toString(compiler));
        if (r + 1 >= minSeconds / WARM_ROUND_SECONDS && compiler < WARM_ROUND_SECONDS * 1000 * 2 / 100) {
          r++;
          break;
        }
      }
      return r * WARM_ROUND_SECONDS;
    }

    /** One support channel's questions at {@code rate} for {@code seconds}, each from a new member. */
    List<Long> channel(int rate, int seconds, long firstMember) throws IOException {
      return send(rate, seconds, firstMember, CHANNEL_QUESTIONS, (member, text) -> {
        long now = System.nanoTime();
        long id = discord.guildMessage(DiscordEmulator.SUPPORT_CHANNEL_ID, member, "c" + member % 10_000, text, List.of());
        sentAt.put(id, now);
        return id;
      });
    }

    /** A measured phase's questions, and what the machine did meanwhile. */
    record Measured(List<Long> keys, String machine) {}

    /**
     * Sends a measured phase while {@link KernelMonitor} watches, waits until each question is
     * {@code seen}, and dumps them (with {@code -Dload.dump}, suffixed {@code dumpSuffix}).
     */
    Measured measure(Phase send, Map<Long, Long> seen, String dumpSuffix) throws IOException, InterruptedException {
      try (KernelMonitor kernel = KernelMonitor.start()) {
        List<Long> keys = send.send();
        awaitAll(seen, keys);
        kernel.close(); // its last burst recorded before the figures
        dump(keys, dumpSuffix);
        return new Measured(keys, apart(kernel, seen, keys));
      }
    }

    /** The kernel's bursts, and the figures of the questions none of them overlapped (in flight until {@code seen}). */
    String apart(KernelMonitor kernel, Map<Long, Long> seen, List<Long> keys) {
      if (!kernel.watching()) {
        return kernel.summary();
      }
      List<Long> clear = keys.stream().filter(k -> !kernel.overlaps(sentAt.get(k), seen.get(k))).toList();
      return kernel.summary() + "; the questions no burst overlapped: " + percentiles(sentAt, seen, clear);
    }

    /**
     * With {@code -Dload.dump=FILE}: each measured question's send time (wall clock, ms) and
     * latency to its first request (ms; for a support channel also to the answer in the thread),
     * one a line, to line up with the bot's GC log ({@code -Xlog:gc:file=F:time} in
     * load.bot-java-options). DMs go to FILE, the support channel's questions to FILE.channel.
     */
    void dump(List<Long> keys, String suffix) throws IOException {
      String file = System.getProperty("load.dump", "");
      if (file.isBlank()) {
        return;
      }
      long wallMinusMono = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
      StringBuilder out = new StringBuilder();
      for (long k : keys) {
        out.append(String.format(Locale.ROOT, "%d %.3f", (sentAt.get(k) + wallMinusMono) / 1_000_000L,
            (firstRequest.get(k) - sentAt.get(k)) / 1e6));
        Long answered = answeredAt.get(k);
        out.append(answered == null || answered.equals(firstRequest.get(k)) ? ""
            : String.format(Locale.ROOT, " %.3f", (answered - sentAt.get(k)) / 1e6)).append('\n');
      }
      Files.writeString(Path.of(file + suffix), out, StandardCharsets.UTF_8);
    }

    private List<Long> dms(int rate, int seconds, long firstMember) throws IOException {
      return send(rate, seconds, firstMember, QUESTIONS, (member, text) -> {
        long channel = DiscordEmulator.dmChannel(member);
        sentAt.put(channel, System.nanoTime());
        discord.directMessage(member, "m" + member % 10_000, text);
        return channel;
      });
    }
  }

  interface Sender {
    long send(long member, String text) throws IOException;
  }

  /** Sends {@code rate} questions a second for {@code seconds}, each from a new member; returns their keys. */
  private static List<Long> send(int rate, int seconds, long firstMember, String[] questions, Sender sender)
      throws IOException {
    List<Long> keys = new ArrayList<>();
    long period = 1_000_000_000L / rate;
    long next = System.nanoTime();
    for (int i = 0; i < rate * seconds; i++) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      keys.add(sender.send(firstMember + i, questions[i % questions.length]));
      next += period;
    }
    return keys;
  }

  private static void awaitAll(Map<Long, Long> seen, List<Long> keys) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!seen.keySet().containsAll(keys)) {
      if (System.nanoTime() > deadline) {
        long missing = keys.stream().filter(k -> !seen.containsKey(k)).count();
        throw new IllegalStateException(missing + " of " + keys.size() + " questions got no request within " + WAIT);
      }
      Thread.sleep(50);
    }
  }

  private static String percentiles(Map<Long, Long> sent, Map<Long, Long> seen, List<Long> keys) {
    long[] micros = keys.stream().mapToLong(k -> (seen.get(k) - sent.get(k)) / 1000).sorted().toArray();
    if (micros.length == 0) {
      return "none (n=0)";
    }
    return String.format(Locale.ROOT, "p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)", at(micros, 0.50) / 1e3,
        at(micros, 0.99) / 1e3, micros[micros.length - 1] / 1e3, micros.length);
  }

  private static long at(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }

  private static String secs(long nanos) {
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  /** User + system CPU time of a process, from /proc (Linux; clock ticks of 10 ms). */
  private static long cpuMillis(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
  }

  /** CPU time of the JVM's JIT compiler threads (C1 and C2), from /proc. */
  private static long compilerCpuMillis(long pid) throws IOException {
    return threadCpuMillis(pid).entrySet().stream().filter(e -> e.getKey().startsWith("C CompilerThre"))
        .mapToLong(Map.Entry::getValue).sum();
  }

  /** CPU per thread kind (names without their numbers), from /proc/PID/task (Linux). */
  private static Map<String, Long> threadCpuMillis(long pid) throws IOException {
    Map<String, Long> out = new java.util.TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9#]+", "").trim();
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          out.merge(name, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10, Long::sum);
        } catch (IOException gone) {
          // the thread ended between listing and reading
        }
      }
    }
    return out;
  }

  private static String topThreads(Map<String, Long> before, Map<String, Long> after, int questions) {
    return after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
        .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / (double) questions))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  private static long ownCpuMillis() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1_000_000;
  }

  /** Resident set size of a process, from /proc (Linux). */
  private static long rssKb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return -1;
  }

}
