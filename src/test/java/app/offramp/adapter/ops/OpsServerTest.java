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

  /** Regression (issue 23): one client that sends half a request and waits took /healthz down for everyone. */
  @Test
  void aStalledConnectionDoesNotTakeTheEndpointsDown() throws Exception {
    try (OpsServer server = new OpsServer(0, () -> new OpsServer.Health(true, "ok"), new OpsMetrics(() -> 0, () -> 0))) {
      java.util.List<java.net.Socket> stalled = new java.util.ArrayList<>();
      try {
        for (int i = 0; i < OpsServer.THREADS + 2; i++) {
          java.net.Socket s = new java.net.Socket("127.0.0.1", server.port());
          s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          s.getOutputStream().flush();
          stalled.add(s);
        }
        HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build()
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                .timeout(java.time.Duration.ofSeconds(OpsServer.REQUEST_SECONDS * 4L)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
      } finally {
        for (java.net.Socket s : stalled) {
          s.close();
        }
      }
    }
  }

  /** Regression (issue 23): "/healthzzz" was answered as "/healthz": paths are exact. */
  @Test
  void pathsAreExact() throws Exception {
    try (OpsServer server = new OpsServer(0, () -> new OpsServer.Health(true, "ok"), new OpsMetrics(() -> 0, () -> 0))) {
      assertThat(get(server, "/healthzzz", "GET").statusCode()).isEqualTo(404);
      assertThat(get(server, "/metrics/x", "GET").statusCode()).isEqualTo(404);
      assertThat(get(server, "/healthz", "GET").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aDegradedStoreIsReportedAndStillAnswers200() throws Exception {
    try (OpsServer server = new OpsServer(0, () -> new OpsServer.Health(OpsServer.Status.DEGRADED,
        "conversation store (Redis) unreachable: answering without memory"), new OpsMetrics(() -> 0, () -> 0))) {
      HttpResponse<String> r = get(server, "/healthz", "GET");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"status\":\"degraded\"", "Redis");
    }
  }

  /** Regression (issue 23): Micrometer held the gauges' suppliers weakly; after a GC they read NaN and froze. */
  @Test
  void theGaugesStillReadAfterAGarbageCollection() throws Exception {
    java.util.concurrent.atomic.AtomicLong errors = new java.util.concurrent.atomic.AtomicLong();
    OpsMetrics metrics = new OpsMetrics(() -> 5, errors::get);
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    errors.set(7);
    String text = metrics.scrape();
    assertThat(text).contains("offramp_conversations_active 5.0", "offramp_store_errors_total 7.0");
  }

  @Test
  void ticketsAreCountedTimedAndRatedByTheNamesTheReadmeGives() {
    OpsMetrics metrics = new OpsMetrics(() -> 0, () -> 0);
    java.time.Instant now = java.time.Instant.now();
    java.util.function.BiFunction<app.offramp.core.port.out.TicketEvent.Kind, java.time.Duration,
        app.offramp.core.port.out.TicketEvent> event = (kind, since) -> new app.offramp.core.port.out.TicketEvent(now, kind,
        "1", "dm", "cancel", "2", java.util.Optional.of("3"), java.util.Optional.ofNullable(since),
        kind == app.offramp.core.port.out.TicketEvent.Kind.RATED ? java.util.OptionalInt.of(4) : java.util.OptionalInt.empty(),
        kind == app.offramp.core.port.out.TicketEvent.Kind.CLOSED ? java.util.Optional.of("staff") : java.util.Optional.empty());
    metrics.ticket(event.apply(app.offramp.core.port.out.TicketEvent.Kind.OPENED, null));
    metrics.ticket(event.apply(app.offramp.core.port.out.TicketEvent.Kind.FIRST_RESPONSE, java.time.Duration.ofSeconds(90)));
    metrics.ticket(event.apply(app.offramp.core.port.out.TicketEvent.Kind.CLAIMED, java.time.Duration.ofSeconds(95)));
    metrics.ticket(event.apply(app.offramp.core.port.out.TicketEvent.Kind.CLOSED, java.time.Duration.ofMinutes(10)));
    metrics.ticket(event.apply(app.offramp.core.port.out.TicketEvent.Kind.RATED, null));
    String text = metrics.scrape();
    assertThat(text).contains("offramp_tickets_opened_total{place=\"dm\"} 1.0", "offramp_tickets_claimed_total 1.0",
        "offramp_tickets_closed_total{by=\"staff\"} 1.0", "offramp_tickets_first_response_seconds{quantile=\"0.5\"}",
        "offramp_tickets_first_response_seconds_sum 90.0", "offramp_tickets_close_seconds{quantile=\"0.9\"}",
        "offramp_tickets_rating_sum{topic=\"cancel\"} 4.0");
  }
}
