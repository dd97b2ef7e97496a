package app.offramp.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The deployment files (Dockerfile, compose.yaml, the systemd unit) name settings by their
 * environment variables; a renamed setting must not leave them setting nothing (the bot would
 * refuse to start: an unknown OFFRAMP_ variable is an error).
 */
class DeployFilesTest {
  private static final Pattern VARIABLE = Pattern.compile("\\bOFFRAMP_[A-Z0-9_]*[A-Z0-9]");

  @Test
  void everyOfframpVariableTheDeployFilesSetIsASetting() throws IOException {
    List<String> known = Settings.DEFAULTS.keySet().stream().map(Settings::envName).toList();
    for (Path file : List.of(Path.of("Dockerfile"), Path.of("compose.yaml"), Path.of("deploy", "offramp.service"))) {
      Matcher m = VARIABLE.matcher(Files.readString(file));
      int found = 0;
      while (m.find()) {
        found++;
        assertThat(known).as(file + " sets " + m.group()).contains(m.group());
      }
      assertThat(found).as(file + " configures the bot through OFFRAMP_ variables").isPositive();
    }
  }

  @Test
  void theImageRunsAsAnUnprivilegedUserAndChecksItsHealth() throws IOException {
    String docker = Files.readString(Path.of("Dockerfile"));
    assertThat(docker).contains("USER offramp").contains("HEALTHCHECK").contains("/healthz");
    assertThat(docker.indexOf("FROM eclipse-temurin:17-jre")).as("a JRE base for the run stage")
        .isGreaterThan(docker.indexOf("FROM eclipse-temurin:17-jdk AS build"));
  }
}
