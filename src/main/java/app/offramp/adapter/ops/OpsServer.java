package app.offramp.adapter.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code GET /healthz} and {@code GET /metrics} on {@code ops.http-port}, with the JDK's own HTTP
 * server (two read-only endpoints do not need a web framework). Health is 200 with
 * {@code {"status":"ok"}} or 503 with {@code {"status":"unavailable","reason":"…"}}.
 */
public final class OpsServer implements AutoCloseable {
  /** A health verdict: ok, or why not. */
  public record Health(boolean ok, String reason) {}

  private final HttpServer server;

  public OpsServer(int port, Supplier<Health> health, OpsMetrics metrics) throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 16);
    server.createContext("/healthz", exchange -> {
      if (!allowed(exchange)) {
        return;
      }
      Health h;
      try {
        h = health.get();
      } catch (RuntimeException e) {
        h = new Health(false, "health check failed: " + e.getClass().getSimpleName());
      }
      String body = h.ok() ? "{\"status\":\"ok\"}\n"
          : "{\"status\":\"unavailable\",\"reason\":\"" + h.reason().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}\n";
      send(exchange, h.ok() ? 200 : 503, "application/json", body);
    });
    server.createContext("/metrics", exchange -> {
      if (allowed(exchange)) {
        send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
      }
    });
    server.createContext("/", exchange -> send(exchange, 404, "text/plain; charset=utf-8",
        "not found; try /healthz or /metrics\n"));
    server.setExecutor(Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "offramp-ops-http");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  /** The port it listens on (the chosen one when configured as 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  private static boolean allowed(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    if (method.equals("GET") || method.equals("HEAD")) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
    send(exchange, 405, "text/plain; charset=utf-8", "only GET\n");
    return false;
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      if (!head) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
