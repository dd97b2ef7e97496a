package app.offramp.adapter.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sentence model loads from the packaged jar with no network at all: the jar runs in a network
 * namespace of its own ({@code unshare --net}: only a loopback that is down), with a fresh home
 * directory, so nothing cached by an earlier run can stand in for the jar's own model.
 * {@code --map-root-user} lets a developer without root make the namespace too (user namespaces,
 * on by default in current Debian and Ubuntu kernels); CI runs as root.
 */
class ModelOfflineIT {
  private static final Path JAR = Path.of("target", "offramp.jar");

  @Test
  void theModelLoadsFromThePackagedJarWithNoNetwork(@TempDir Path home) throws Exception {
    assertThat(run(List.of("unshare", "--net", "--map-root-user", "true"), home).exitCode).as("unshare --net --map-root-user works here")
        .isZero();

    Path data = home.resolve("questions.jsonl");
    Files.writeString(data, """
        {"text": "how do i stop paying for music unlimited on my phone", "intent": "cancel"}
        {"text": "will i be fined for leaving before the month is over", "intent": "penalty"}
        """, StandardCharsets.UTF_8);
    List<String> command = new ArrayList<>(List.of("unshare", "--net", "--map-root-user", javaBin(), "-Duser.home=" + home,
        "-jar", JAR.toAbsolutePath().toString(), "evaluate", "--data", data.toString(), "--json",
        "--intents", Path.of("intents").toAbsolutePath().toString()));
    Result result = run(command, home);
    assertThat(result.exitCode).as("stderr: %s", result.err).isZero();
    assertThat(result.out).contains("\"accuracy\":1.0");
  }

  private record Result(int exitCode, String out, String err) {}

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static Result run(List<String> command, Path home) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("HOME", home.toString());
    Path out = Files.createTempFile(home, "out", ".txt");
    Path err = Files.createTempFile(home, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s ends", command).isTrue();
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
