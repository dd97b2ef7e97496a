package app.offramp.adapter.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (the Debian package) on a free port on 127.0.0.1, with no
 * persistence, for tests. {@code .ci/run} installs the package when it is missing.
 */
public final class RedisServer implements AutoCloseable {
  private int port;
  private final java.util.List<String> extra;
  private Process process;

  public RedisServer() throws IOException {
    this(new String[0]);
  }

  /** With more redis-server arguments, such as {@code --requirepass secret}. */
  public RedisServer(String... extraArgs) throws IOException {
    extra = java.util.List.of(extraArgs);
    // A port found free can be taken by another test's server before ours binds it: then ours
    // exits ("Address already in use") and we try another.
    for (int attempt = 1; ; attempt++) {
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      try {
        start();
        return;
      } catch (IOException lostThePort) {
        if (attempt == 5) {
          throw lostThePort;
        }
      }
    }
  }

  public int port() {
    return port;
  }

  public String url() {
    return "redis://127.0.0.1:" + port + "/0";
  }

  /** Starts (again, on the same port) and returns once it accepts connections. */
  public void start() throws IOException {
    Path log = Files.createTempFile("redis", ".log");
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("redis-server", "--port",
        Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"));
    command.addAll(extra);
    process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      // Ours, not another server on the same port: it says it is ready only once it has bound it.
      if (Files.readString(log).contains("Ready to accept connections")) {
        try (Socket probe = new Socket("127.0.0.1", port)) {
          probe.getOutputStream().write("PING\r\n".getBytes());
          int first = probe.getInputStream().read();
          if ((first == '+' || first == '-') && process.isAlive()) { // "-NOAUTH" from a server with a password is up too
            return;
          }
        } catch (IOException notYet) {
          // not accepting yet
        }
      }
      if (!process.isAlive()) {
        throw new IOException("redis-server exited: " + Files.readString(log));
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("redis-server did not accept connections within 20 s: " + Files.readString(log));
      }
      Thread.onSpinWait();
    }
  }

  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
