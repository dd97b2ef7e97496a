package app.offramp.adapter.insights;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL (Debian's {@code postgresql} package, installed by {@code .ci/run}) in a
 * throw-away cluster on a free port on 127.0.0.1. PostgreSQL refuses to run as root, so when the
 * tests run as root it runs as the package's {@code postgres} user.
 */
final class PostgresServer implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final Process process;

  PostgresServer() throws IOException, InterruptedException {
    Path bin = binDir();
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    dir = Files.createTempDirectory("offramp-pg");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path data = dir.resolve("data");
    run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8"));
    Path log = dir.resolve("postgres.log");
    process = new ProcessBuilder(asPostgres(List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
        "-p", Integer.toString(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off")))
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      try {
        DriverManager.getConnection(url(), "postgres", "").close();
        return;
      } catch (SQLException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IOException("postgres did not start: " + Files.readString(log));
        }
        Thread.onSpinWait();
      }
    }
  }

  String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  private static Path binDir() throws IOException {
    try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions.sorted(java.util.Comparator.reverseOrder()).findFirst()
          .orElseThrow(() -> new IOException("no PostgreSQL under /usr/lib/postgresql; install the postgresql package"))
          .resolve("bin");
    }
  }

  private static boolean root() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static List<String> asPostgres(List<String> command) {
    if (!root()) {
      return command;
    }
    List<String> wrapped = new java.util.ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  private void run(List<String> command) throws IOException, InterruptedException {
    Path log = dir.resolve("initdb.log");
    Process p = new ProcessBuilder(asPostgres(command)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("initdb failed: " + Files.readString(log));
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
