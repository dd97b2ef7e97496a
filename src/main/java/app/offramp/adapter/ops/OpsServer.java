package app.offramp.adapter.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * {@code GET /healthz} and {@code GET /metrics} on {@code ops.http-port} and {@code ops.bind-address},
 * with the JDK's own HTTP server (two read-only endpoints do not need a web framework). Health is 200
 * with {@code {"status":"ok"}}, 200 with {@code {"status":"degraded","reason":"…"}} while the bot
 * answers without a part (the conversation store out of reach: restarting would not bring it back),
 * or 503 with {@code {"status":"unavailable","reason":"…"}}.
 *
 * <p>A client that opens a connection and stalls must not take the endpoints down with it
 * (regression, issue 23: one thread and no read timeout): requests are served by a small pool, and
 * the server closes a request not read within {@value #REQUEST_SECONDS} s. Paths are exact.
 */
public final class OpsServer implements AutoCloseable {
  /** How a health check went. */
  public enum Status { OK, DEGRADED, UNAVAILABLE }

  /** A health verdict: ok, answering without a part, or not answering; and why. */
  public record Health(Status status, String reason) {
    public Health(boolean ok, String reason) {
      this(ok ? Status.OK : Status.UNAVAILABLE, reason);
    }

    public boolean ok() {
      return status != Status.UNAVAILABLE;
    }
  }

  static final int REQUEST_SECONDS = 5;
  static final int THREADS = 4;

  static {
    // Read once by the JDK's server when its first instance is made: a request (headers and body)
    // must arrive within this, or its connection is closed.
    if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
      System.setProperty("sun.net.httpserver.maxReqTime", Integer.toString(REQUEST_SECONDS));
    }
    if (System.getProperty("sun.net.httpserver.maxRspTime") == null) {
      System.setProperty("sun.net.httpserver.maxRspTime", Integer.toString(2 * REQUEST_SECONDS));
    }
  }

  private final HttpServer server;
  private final ExecutorService pool;

  public OpsServer(int port, Supplier<Health> health, OpsMetrics metrics) throws IOException {
    this(InetAddress.getLoopbackAddress(), port, health, metrics);
  }

  public OpsServer(InetAddress bind, int port, Supplier<Health> health, OpsMetrics metrics) throws IOException {
    server = HttpServer.create(new InetSocketAddress(bind, port), 16);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      if (path.equals("/healthz")) {
        if (allowed(exchange)) {
          healthz(exchange, health);
        }
      } else if (path.equals("/metrics")) {
        if (allowed(exchange)) {
          send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
        }
      } else {
        send(exchange, 404, "text/plain; charset=utf-8", "not found; try /healthz or /metrics\n");
      }
    });
    AtomicInteger n = new AtomicInteger();
    pool = Executors.newFixedThreadPool(THREADS, r -> {
      Thread t = new Thread(r, "offramp-ops-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool);
    server.start();
  }

  private static void healthz(HttpExchange exchange, Supplier<Health> health) throws IOException {
    Health h;
    try {
      h = health.get();
    } catch (RuntimeException e) {
      h = new Health(false, "health check failed: " + e.getClass().getSimpleName());
    }
    String reason = h.reason().replace("\\", "\\\\").replace("\"", "\\\"");
    String body = switch (h.status()) {
      case OK -> "{\"status\":\"ok\"}\n";
      case DEGRADED -> "{\"status\":\"degraded\",\"reason\":\"" + reason + "\"}\n";
      case UNAVAILABLE -> "{\"status\":\"unavailable\",\"reason\":\"" + reason + "\"}\n";
    };
    send(exchange, h.ok() ? 200 : 503, "application/json", body);
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
    pool.shutdownNow();
  }
}
