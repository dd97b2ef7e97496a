package app.offramp.adapter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OpsServerTest {
  private static HttpResponse<String> get(OpsServer server, String path, String method) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthIs503WithAJsonReasonWhenNotServingAnd200WhenItIs() throws Exception {
    AtomicReference<OpsServer.Health> health = new AtomicReference<>(new OpsServer.Health(false, "gateway \"reconnecting\""));
    try (OpsServer server = new OpsServer(0, health::get, new OpsMetrics(() -> 3, () -> 0))) {
      HttpResponse<String> down = get(server, "/healthz", "GET");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(down.body()).path("reason").asText())
          .isEqualTo("gateway \"reconnecting\"");
      health.set(new OpsServer.Health(true, "connected"));
      assertThat(get(server, "/healthz", "GET").statusCode()).isEqualTo(200);
      assertThat(get(server, "/healthz", "POST").statusCode()).isEqualTo(405);
      assertThat(get(server, "/nothing", "GET").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void metricsAreServedInPrometheusTextWithEveryOutcomeFromTheStart() throws Exception {
    OpsMetrics metrics = new OpsMetrics(() -> 3, () -> 2);
    metrics.floodDropped();
    metrics.replied(12_000_000);
    try (OpsServer server = new OpsServer(0, () -> new OpsServer.Health(true, "ok"), metrics)) {
      HttpResponse<String> r = get(server, "/metrics", "GET");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
      assertThat(r.body()).contains("offramp_questions_total{outcome=\"flood_dropped\"} 1.0",
          "offramp_questions_total{outcome=\"unanswered\"} 0.0", "offramp_conversations_active 3.0",
          "offramp_store_errors_total 2.0", "offramp_reply_latency_seconds_count 1");
    }
  }
}
