package app.offramp.front.console;

import static org.assertj.core.api.Assertions.assertThat;

import app.offramp.adapter.store.RedisServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code conversation.store=redis} the console chat is remembered across processes: the
 * packaged jar is run twice, as the acceptance check does, against a real redis-server.
 */
class ConsoleRedisRestartIT {
  @Test
  void aConsoleWalkThroughGoesOnAfterTheProcessRestarts() throws Exception {
    try (RedisServer redis = new RedisServer()) {
      Map<String, String> env = Map.of("OFFRAMP_CONVERSATION_STORE", "redis", "OFFRAMP_CONVERSATION_REDIS_URL", redis.url());
      ConsoleTranscriptIT.Result first = ConsoleTranscriptIT.run("how do i cancel amazon music on my laptop\n", env, "chat");
      assertThat(first.out()).contains("Step 1 of 5");
      ConsoleTranscriptIT.Result second = ConsoleTranscriptIT.run("next\n", env, "chat");
      assertThat(second.out()).contains("Step 2 of 5").doesNotContain("expired");
      assertThat(second.code()).isZero();
    }
  }

  @Test
  void withRedisUnreachableTheChatStillAnswersAQuestionAndSaysWhyItCannotResume() throws Exception {
    int port;
    try (RedisServer redis = new RedisServer()) {
      port = redis.port();
    }
    Map<String, String> env = Map.of("OFFRAMP_CONVERSATION_STORE", "redis",
        "OFFRAMP_CONVERSATION_REDIS_URL", "redis://127.0.0.1:" + port + "/0");
    ConsoleTranscriptIT.Result r = ConsoleTranscriptIT.run("is there a penalty for cancelling\nnext\n", env, "chat");
    assertThat(r.out()).contains("no penalty").contains("can't pick up where we left off");
    assertThat(r.err()).contains("conversation store (Redis) unreachable").doesNotContain("Exception");
    assertThat(r.code()).isZero();
  }

  @Test
  void withLoggingFormatJsonEveryLogLineIsOneJsonObject() throws Exception {
    Map<String, String> env = Map.of("OFFRAMP_LOGGING_FORMAT", "json", "OFFRAMP_CONVERSATION_STORE", "redis",
        "OFFRAMP_CONVERSATION_REDIS_URL", "redis://127.0.0.1:1/0");
    ConsoleTranscriptIT.Result r = ConsoleTranscriptIT.run("hi\n", env, "chat");
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    java.util.List<String> lines = r.err().lines().toList();
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      com.fasterxml.jackson.databind.JsonNode event = json.readTree(line);
      assertThat(event.path("level").asText()).isNotEmpty();
      assertThat(event.path("formattedMessage").asText()).doesNotContain("{}");
    }
    assertThat(r.out()).as("the transcript stays on stdout, untouched").contains("> ");
  }
}
