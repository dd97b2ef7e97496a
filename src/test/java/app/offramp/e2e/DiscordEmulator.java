package app.offramp.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * A local stand-in for Discord, speaking its REST API under {@code /api/v10/} and its gateway
 * WebSocket on one mockwebserver3 port on 127.0.0.1. It holds one guild with a support channel,
 * another channel, a staff role and members; records every REST request; validates every JSON
 * body against Discord's OpenAPI spec; and can inject faults (429, 500, dropped gateway, op 7).
 */
final class DiscordEmulator implements AutoCloseable {
  static final long BOT_ID = 900000000000000001L;
  static final long APP_ID = 900000000000000002L;
  static final long GUILD_ID = 900000000000000010L;
  static final long SUPPORT_CHANNEL_ID = 900000000000000020L;
  static final long OTHER_CHANNEL_ID = 900000000000000021L;
  static final long STAFF_ROLE_ID = 900000000000000030L;
  /** Where tickets from DMs open (private threads), and where closed tickets' transcripts go. */
  static final long TICKETS_CHANNEL_ID = 900000000000000022L;
  static final long LOG_CHANNEL_ID = 900000000000000023L;
  /** A member with this role has Manage Threads (and nothing else beyond @everyone): staff by permission. */
  static final long MODERATOR_ROLE_ID = 900000000000000031L;
  /**
   * A second guild, on the other shard when the bot runs two: (id >> 22) % 2 is 0 here and 1 for
   * {@link #GUILD_ID}. Only sent to a bot that identifies with more than one shard.
   */
  static final long SECOND_GUILD_ID = 900000000004194315L;
  static final long SECOND_SUPPORT_CHANNEL_ID = 900000000004194320L;
  /** Permissions of @everyone: exactly those the bot's invite URL asks for, and no more. */
  static final long BOT_PERMISSIONS = net.dv8tion.jda.api.Permission.getRaw(
      app.offramp.front.discord.DiscordFront.PERMISSIONS);
  /** The bot's own role (Discord gives an invited bot one): exactly what its invite URL asks for, no more. */
  static final long BOT_ROLE_ID = 900000000000000032L;
  /** Permissions of @everyone: a member's usual ones (the bot's, less Manage Threads, which makes staff). */
  static final long EVERYONE_PERMISSIONS = BOT_PERMISSIONS & ~net.dv8tion.jda.api.Permission.MANAGE_THREADS.getRawValue();
  static final String TOKEN = "fake-token-for-tests";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One REST request as the bot sent it, with the spec template it matched and when it arrived
   * ({@link System#nanoTime()}, before any emulated round trip).
   */
  record Call(String method, String path, String template, JsonNode body, int status, long receivedNanos) {
    boolean is(String m, String templateOrPath) {
      return method.equals(m) && (templateOrPath.equals(template) || templateOrPath.equals(path));
    }
  }

  record Fault(int status, String body, Map<String, String> headers) {}

  private final MockWebServer server = new MockWebServer();
  private final OpenApiRequestValidator validator;
  private final List<Call> calls = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicInteger sequence = new AtomicInteger();
  private final AtomicInteger identifies = new AtomicInteger();
  private final AtomicInteger resumes = new AtomicInteger();
  private final Map<Long, ObjectNode> messages = new ConcurrentHashMap<>();
  /** What members wrote, by id: a channel's history (GET messages) holds both theirs and the bot's. */
  private final Map<Long, ObjectNode> memberMessages = new ConcurrentHashMap<>();
  /** Threads by id: their parent channel and the channel object as last changed (archived, locked). */
  private final Map<Long, ObjectNode> threads = new ConcurrentHashMap<>();
  /** Thread members added by the bot: "thread/user". */
  private final List<String> threadMembers = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Files the bot uploaded, by their message id: name → content. */
  private final Map<Long, Map<String, String>> uploads = new ConcurrentHashMap<>();
  /** Permissions the bot is denied in the tickets channel (a member overwrite), none by default. */
  private volatile long deniedInTickets;
  /** Members' Discord client languages ("de"), sent with their interactions; en-US when not set. */
  private final Map<Long, String> locales = new ConcurrentHashMap<>();

  /** The member's Discord client is in {@code locale} ("de", "es-ES", "pt-BR"). */
  void locale(long memberId, String locale) {
    locales.put(memberId, locale);
  }

  /** Members' names as their messages gave them, so their clicks carry the same name. */
  private final Map<Long, String> names = new ConcurrentHashMap<>();
  /** Shard 0's current connection (set on IDENTIFY and RESUME): DMs, drops and op 7 go there. */
  private volatile WebSocket gateway;
  /** Gateway connections by shard id, and the shard count the bot identified with. */
  private final Map<Integer, WebSocket> shardSockets = new ConcurrentHashMap<>();
  /** Members' guild messages by id, to their guild: a thread's id is its starter message's. */
  private final Map<Long, Long> starters = new ConcurrentHashMap<>();
  private volatile int shardsTotal = 1;
  private final List<String> identifiedShards = new ArrayList<>();
  private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
  private final List<String> held = new ArrayList<>();
  private final List<Integer> clientCloseCodes = new ArrayList<>();
  private volatile Duration roundTrip = Duration.ZERO;
  private volatile boolean validating = true;
  private volatile boolean keepHistory = true;
  private volatile java.util.function.Consumer<Call> callListener = c -> { };
  private final AtomicLong firstIdentifyNanos = new AtomicLong();
  private final AtomicLong firstReadyNanos = new AtomicLong();

  DiscordEmulator(Path spec) throws IOException {
    validator = new OpenApiRequestValidator(spec);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return handle(request);
      }
    });
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  /**
   * Accepted sockets with TCP_NODELAY. Without it every REST answer waited about 40 ms: Nagle's
   * algorithm holding the response's last segment until the client's delayed ACK. Discord's own
   * servers answer at once; so must the emulator, or every latency it measures is 40 ms too high.
   * The gateway is served on the same sockets (a WebSocket upgrade), so it is covered too.
   */
  static final class NoDelayServerSocketFactory extends javax.net.ServerSocketFactory {
    @Override
    public java.net.ServerSocket createServerSocket() throws IOException {
      return new java.net.ServerSocket() {
        @Override
        public java.net.Socket accept() throws IOException {
          java.net.Socket socket = super.accept();
          socket.setTcpNoDelay(true);
          return socket;
        }
      };
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port) throws IOException {
      java.net.ServerSocket s = createServerSocket();
      s.bind(new java.net.InetSocketAddress(port));
      return s;
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port, int backlog) throws IOException {
      java.net.ServerSocket s = createServerSocket();
      s.bind(new java.net.InetSocketAddress(port), backlog);
      return s;
    }

    @Override
    public java.net.ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
      java.net.ServerSocket s = createServerSocket();
      s.bind(new java.net.InetSocketAddress(address, port), backlog);
      return s;
    }
  }

  String restUrl() {
    return "http://127.0.0.1:" + server.getPort() + "/api/v10/";
  }

  String gatewayUrl() {
    return "ws://127.0.0.1:" + server.getPort() + "/gateway";
  }

  /**
   * A snowflake for now, as Discord makes them: JDA reads an interaction's age from its id and
   * refuses follow-ups on one older than 15 minutes.
   */
  long nextId() {
    long millis = System.currentTimeMillis() - 1420070400000L;
    return (millis << 22) | (ids.incrementAndGet() & 0x3FFFFF);
  }

  // ---------------------------------------------------------------- REST

  /**
   * Every REST answer waits this long before it is sent, standing in for the network between a
   * bot and Discord (the load benchmark uses 20 ms). Zero by default.
   */
  void roundTrip(Duration delay) {
    roundTrip = delay;
  }

  /**
   * Whether every call and every message the bot posted is kept for {@link #calls()} and
   * {@link #messagesIn} (on by default). The load benchmark turns it off once start-up is
   * measured: tens of thousands of kept JSON bodies made this JVM's own garbage collections pause
   * for 45 ms, and a pause here is counted as the bot's latency. Calls still reach
   * {@link #onCall} listeners.
   */
  void keepHistory(boolean keep) {
    keepHistory = keep;
  }

  /**
   * Whether request bodies are checked against the OpenAPI spec (on by default). The load
   * benchmark turns it off: at 200 requests a second the checks would compete with the bot for
   * the same cores and be measured as the bot's latency; the end-to-end suite checks every shape.
   */
  void validating(boolean on) {
    validating = on;
  }

  /** Called with every recorded REST call, on the emulator's thread, as it is recorded. */
  void onCall(java.util.function.Consumer<Call> listener) {
    callListener = listener;
  }

  /** When the first IDENTIFY arrived ({@link System#nanoTime()}), 0 if none has. */
  long firstIdentifyNanos() {
    return firstIdentifyNanos.get();
  }

  /** Waits until the bot has identified and been sent READY (a process still starting has not). */
  void awaitReady(Duration timeout) {
    waitUntil(() -> firstReadyNanos.get() != 0, timeout, "the bot to connect and get READY");
  }

  /** When the first READY was sent ({@link System#nanoTime()}), 0 if none has been. */
  long firstReadyNanos() {
    return firstReadyNanos.get();
  }

  private MockResponse handle(RecordedRequest request) {
    long received = System.nanoTime();
    String path = request.getUrl().encodedPath();
    String method = request.getMethod();
    if (path.equals("/gateway")) {
      return new MockResponse.Builder().webSocketUpgrade(new GatewayListener()).build();
    }
    JsonNode body = null;
    Map<String, String> files = Map.of();
    String contentType = java.util.Optional.ofNullable(request.getHeaders().get("Content-Type")).orElse("");
    if (contentType.startsWith("multipart/form-data") && request.getBody() != null) {
      // A message with files: its JSON is the payload_json part, checked like any other body.
      Multipart parts = Multipart.parse(contentType, request.getBody().string(StandardCharsets.UTF_8));
      files = parts.files();
      try {
        body = parts.payloadJson() == null ? null : JSON.readTree(parts.payloadJson());
      } catch (IOException e) {
        record(new Call(method, path, "?", null, 400, received), List.of(method + " " + path + ": payload_json is not JSON"));
        return json(400, "{\"message\":\"bad json\",\"code\":50109}");
      }
    } else if (request.getBody() != null && request.getBody().size() > 0) {
      try {
        body = JSON.readTree(request.getBody().string(StandardCharsets.UTF_8));
      } catch (IOException e) {
        record(new Call(method, path, "?", null, 400, received), List.of(method + " " + path + ": body is not JSON"));
        return json(400, "{\"message\":\"bad json\",\"code\":50109}");
      }
    }
    String template = validator.template(method, path).orElse(path.replace("/api/v10", ""));
    List<String> problems = body == null || !validating ? List.of() : validator.validate(method, path, body);
    Duration delay = roundTrip;
    if (!delay.isZero()) {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    CountDownLatch hold = holds.remove(method + " " + template);
    if (hold != null) {
      synchronized (calls) {
        held.add(method + " " + path);
        calls.notifyAll();
      }
      try {
        hold.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    Fault fault = nextFault(method + " " + template);
    if (fault != null) {
      record(new Call(method, path, template, body, fault.status(), received), problems);
      MockResponse.Builder b = new MockResponse.Builder().code(fault.status()).body(fault.body())
          .setHeader("Content-Type", "application/json");
      fault.headers().forEach(b::setHeader);
      return b.build();
    }
    MockResponse response = route(method, path, template, body, request.getUrl(), files);
    record(new Call(method, path, template, body, response.getCode(), received), problems);
    return response;
  }

  /** A multipart/form-data body: its payload_json part and its files (name → text). */
  record Multipart(String payloadJson, Map<String, String> files) {
    static Multipart parse(String contentType, String body) {
      String boundary = contentType.replaceAll(".*boundary=\"?([^\";]+)\"?.*", "$1");
      String payload = null;
      Map<String, String> files = new java.util.LinkedHashMap<>();
      for (String part : body.split("--" + java.util.regex.Pattern.quote(boundary))) {
        int split = part.indexOf("\r\n\r\n");
        if (split < 0) {
          continue;
        }
        String headers = part.substring(0, split);
        String content = part.substring(split + 4);
        if (content.endsWith("\r\n")) {
          content = content.substring(0, content.length() - 2);
        }
        java.util.regex.Matcher file = java.util.regex.Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
        if (file.find()) {
          files.put(file.group(1), content);
        } else if (headers.contains("name=\"payload_json\"")) {
          payload = content;
        }
      }
      return new Multipart(payload, files);
    }
  }

  private MockResponse route(String method, String path, String template, JsonNode body, okhttp3.HttpUrl url,
      Map<String, String> files) {
    String[] parts = path.split("/");
    switch (method + " " + template) {
      case "GET /users/@me":
        return json(200, user(BOT_ID, "Offramp", true).toString());
      case "POST /channels/{channel_id}/messages": {
        long channelId = Long.parseLong(parts[4]);
        ObjectNode message = botMessage(channelId, body);
        if (!files.isEmpty()) {
          uploads.put(message.path("id").asLong(), files);
          ArrayNode attachments = message.putArray("attachments");
          files.keySet().forEach(name -> attachments.addObject().put("id", Long.toString(nextId())).put("filename", name)
              .put("size", files.get(name).length()).put("url", "https://cdn.invalid/" + name)
              .put("proxy_url", "https://cdn.invalid/" + name));
        }
        return json(200, message.toString());
      }
      case "GET /channels/{channel_id}/messages": {
        // Newest first, as Discord pages them: at most limit, before a message id when asked.
        long channelId = Long.parseLong(parts[4]);
        int limit = java.util.Optional.ofNullable(url.queryParameter("limit")).map(Integer::parseInt).orElse(50);
        long before = java.util.Optional.ofNullable(url.queryParameter("before")).map(Long::parseLong).orElse(Long.MAX_VALUE);
        ArrayNode out = JSON.createArrayNode();
        history(channelId).stream().filter(m -> m.path("id").asLong() < before)
            .sorted(java.util.Comparator.comparingLong((ObjectNode m) -> m.path("id").asLong()).reversed())
            .limit(limit).forEach(out::add);
        return json(200, out.toString());
      }
      case "GET /channels/{channel_id}/messages/{message_id}": {
        long id = Long.parseLong(parts[6]);
        ObjectNode m = memberMessages.getOrDefault(id, messages.get(id));
        return m == null ? json(404, "{\"message\":\"Unknown Message\",\"code\":10008}") : json(200, m.toString());
      }
      case "POST /channels/{channel_id}/threads": {
        // A thread without a starter message: a private one (type 12) for a ticket.
        long parent = Long.parseLong(parts[4]);
        long id = nextId();
        ObjectNode thread = JSON.createObjectNode();
        thread.put("id", Long.toString(id));
        thread.put("guild_id", Long.toString(guildOf(parent)));
        botThread(thread, parent, body.path("name").asText(), 0);
        thread.put("type", body.path("type").asInt(11));
        thread.with("thread_metadata").put("invitable", body.path("invitable").asBoolean(true));
        starters.put(id, guildOf(parent));
        threads.put(id, thread);
        return json(201, thread.toString());
      }
      case "PUT /channels/{channel_id}/thread-members/{user_id}":
        threadMembers.add(parts[4] + "/" + parts[6]);
        return new MockResponse.Builder().code(204).build();
      case "PATCH /channels/{channel_id}": {
        long id = Long.parseLong(parts[4]);
        ObjectNode thread = threads.computeIfAbsent(id, k -> {
          ObjectNode t = JSON.createObjectNode();
          t.put("id", Long.toString(id));
          t.put("guild_id", Long.toString(guildOf(id)));
          botThread(t, SUPPORT_CHANNEL_ID, "thread", 1);
          return t;
        });
        ObjectNode meta = thread.with("thread_metadata");
        if (body.has("archived")) {
          meta.put("archived", body.path("archived").asBoolean());
        }
        if (body.has("locked")) {
          meta.put("locked", body.path("locked").asBoolean());
        }
        return json(200, thread.toString());
      }
      case "POST /channels/{channel_id}/messages/{message_id}/threads": {
        long messageId = Long.parseLong(parts[6]);
        ObjectNode thread = JSON.createObjectNode();
        thread.put("id", Long.toString(messageId));
        thread.put("guild_id", Long.toString(guildOf(Long.parseLong(parts[4]))));
        botThread(thread, Long.parseLong(parts[4]), body.path("name").asText(), 0);
        threads.put(messageId, thread);
        return json(201, thread.toString());
      }
      case "POST /interactions/{interaction_id}/{interaction_token}/callback":
        return new MockResponse.Builder().code(204).build();
      case "PUT /applications/{application_id}/guilds/{guild_id}/commands":
      case "PUT /applications/{application_id}/commands": {
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode command : body) {
          ObjectNode c = ((ObjectNode) command).deepCopy();
          c.put("id", Long.toString(nextId()));
          c.put("application_id", Long.toString(APP_ID));
          c.put("version", "1");
          if (template.contains("guilds")) {
            c.put("guild_id", Long.toString(GUILD_ID));
          }
          c.putIfAbsent("type", JSON.getNodeFactory().numberNode(1));
          out.add(c);
        }
        return json(200, out.toString());
      }
      case "PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original":
      case "POST /webhooks/{webhook_id}/{webhook_token}": {
        ObjectNode message = botMessage(OTHER_CHANNEL_ID, body);
        return json(200, message.toString());
      }
      default:
        return json(404, "{\"message\":\"Unknown route\",\"code\":0}");
    }
  }

  private ObjectNode botMessage(long channelId, JsonNode body) {
    ObjectNode message = body == null ? JSON.createObjectNode() : ((ObjectNode) body).deepCopy();
    long id = nextId();
    message.put("id", Long.toString(id));
    message.put("type", 0);
    message.put("channel_id", Long.toString(channelId));
    message.set("author", user(BOT_ID, "Offramp", true));
    message.put("timestamp", Instant.now().toString());
    message.putIfAbsent("content", JSON.getNodeFactory().textNode(""));
    message.putArray("mentions");
    message.putArray("mention_roles");
    message.putArray("attachments");
    if (!message.path("embeds").isArray()) {
      message.putArray("embeds");
    }
    message.path("embeds").forEach(e -> ((ObjectNode) e).put("type", "rich")); // as Discord answers
    message.putIfAbsent("components", JSON.createArrayNode());
    message.put("pinned", false);
    message.put("mention_everyone", false);
    message.put("tts", false);
    message.put("flags", 0);
    message.remove("allowed_mentions");
    message.remove("enforce_nonce");
    message.remove("nonce");
    if (keepHistory) {
      messages.put(id, message);
    }
    return message;
  }

  private void record(Call call, List<String> problems) {
    callListener.accept(call);
    if (!keepHistory && problems.isEmpty()) {
      return;
    }
    synchronized (calls) {
      calls.add(call);
      for (String p : problems) {
        violations.add(call.method() + " " + call.template() + ": " + p);
      }
      calls.notifyAll();
    }
  }

  private Fault nextFault(String key) {
    Deque<Fault> queue = faults.get(key);
    if (queue == null) {
      return null;
    }
    synchronized (queue) {
      return queue.pollFirst();
    }
  }

  /** The next request to {@code "METHOD /template"} gets this fault instead of its answer. */
  void failNext(String methodAndTemplate, Fault fault) {
    faults.computeIfAbsent(methodAndTemplate, k -> new ArrayDeque<>()).addLast(fault);
  }

  /**
   * The next request to {@code "METHOD /template"} is received but not answered until the returned
   * latch is counted down: a request in flight, for the shutdown scenario.
   */
  CountDownLatch holdNext(String methodAndTemplate) {
    CountDownLatch latch = new CountDownLatch(1);
    holds.put(methodAndTemplate, latch);
    return latch;
  }

  /** Waits until the client closes its gateway connection; returns the close code it sent. */
  int awaitClientClose(Duration timeout) {
    waitUntil(() -> !clientCloseCodes.isEmpty(), timeout, "the client to close the gateway");
    synchronized (calls) {
      return clientCloseCodes.get(0);
    }
  }

  /** Waits until a held request has arrived. */
  void awaitHeld(Duration timeout) {
    waitUntil(() -> !held.isEmpty(), timeout, "the held request");
  }

  static Fault rateLimited(double retryAfterSeconds) {
    return new Fault(429, "{\"message\":\"You are being rate limited.\",\"retry_after\":" + retryAfterSeconds
        + ",\"global\":false}", Map.of("X-RateLimit-Limit", "5", "X-RateLimit-Remaining", "0",
        "X-RateLimit-Reset-After", Double.toString(retryAfterSeconds), "X-RateLimit-Bucket", "emulated",
        "X-RateLimit-Scope", "user", "Retry-After", "1", "via", "1.1 google"));
  }

  static Fault serverError() {
    return new Fault(500, "{\"message\":\"500: Internal Server Error\",\"code\":0}", Map.of());
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  // ---------------------------------------------------------------- awaiting

  /** Waits until a recorded call satisfies {@code match}; returns the first such, or fails. */
  Call await(Predicate<Call> match, Duration timeout, String what) {
    Call[] found = new Call[1];
    waitUntil(() -> {
      found[0] = calls.stream().filter(match).findFirst().orElse(null);
      return found[0] != null;
    }, timeout, what);
    return found[0];
  }

  /** Waits until at least {@code count} recorded calls satisfy {@code match}. */
  void awaitCount(Predicate<Call> match, int count, Duration timeout, String what) {
    waitUntil(() -> calls.stream().filter(match).count() >= count, timeout, what);
  }

  /**
   * Waits, on the monitor every recorded event notifies, until {@code condition} holds (checked
   * while holding it); fails with the calls seen so far after {@code timeout}.
   */
  private void waitUntil(java.util.function.BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (calls) {
      while (!condition.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("timed out waiting for " + what + "; calls so far: "
              + calls.stream().map(c -> c.method() + " " + c.path() + " " + c.status()).toList());
        }
        try {
          calls.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted waiting for " + what);
        }
      }
    }
  }

  List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  List<Call> calls(Predicate<Call> match) {
    return calls().stream().filter(match).toList();
  }

  List<String> violations() {
    synchronized (calls) {
      return List.copyOf(violations);
    }
  }

  int identifies() {
    return identifies.get();
  }

  int resumes() {
    return resumes.get();
  }

  /** The messages the bot posted in a channel, oldest first. */
  List<ObjectNode> messagesIn(long channelId) {
    return messages.values().stream().filter(m -> m.path("channel_id").asLong() == channelId)
        .sorted(java.util.Comparator.comparingLong(m -> m.path("id").asLong())).toList();
  }

  /** Everything written in a channel, by members and the bot. */
  private List<ObjectNode> history(long channelId) {
    List<ObjectNode> all = new ArrayList<>();
    for (Map<Long, ObjectNode> source : List.of(messages, memberMessages)) {
      source.values().stream().filter(m -> m.path("channel_id").asLong() == channelId).forEach(all::add);
    }
    return all;
  }

  /** A thread as the bot last left it (archived, locked), if the bot opened or changed it. */
  java.util.Optional<ObjectNode> thread(long threadId) {
    return java.util.Optional.ofNullable(threads.get(threadId));
  }

  /** The threads the bot opened in {@code parentId}. */
  List<ObjectNode> threadsIn(long parentId) {
    return threads.values().stream().filter(t -> t.path("parent_id").asLong() == parentId).toList();
  }

  /** "thread/user" for each member the bot added to a thread. */
  List<String> threadMembers() {
    return List.copyOf(threadMembers);
  }

  /** The files attached to a message the bot posted (name → text). */
  Map<String, String> uploads(long messageId) {
    return uploads.getOrDefault(messageId, Map.of());
  }

  /** Denies the bot these permissions in the tickets channel (set before the bot connects). */
  void denyInTicketsChannel(long permissions) {
    deniedInTickets = permissions;
  }

  /** Waits until the bot has resumed its gateway session at least {@code count} times. */
  void awaitResumes(int count, Duration timeout) {
    waitUntil(() -> resumes.get() >= count, timeout, "the bot to resume (" + count + ")");
  }

  // ---------------------------------------------------------------- gateway

  private final class GatewayListener extends WebSocketListener {
    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      ObjectNode hello = JSON.createObjectNode();
      hello.put("op", 10);
      hello.putObject("d").put("heartbeat_interval", 41250);
      webSocket.send(hello.toString());
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      JsonNode payload;
      try {
        payload = JSON.readTree(text);
      } catch (IOException e) {
        return;
      }
      switch (payload.path("op").asInt(-1)) {
        case 1 -> webSocket.send("{\"op\":11}");
        case 2 -> {
          JsonNode shard = payload.path("d").path("shard");
          int id = shard.isArray() ? shard.get(0).asInt() : 0;
          int total = shard.isArray() ? shard.get(1).asInt() : 1;
          shardsTotal = total;
          shardSockets.put(id, webSocket);
          if (id == 0) {
            gateway = webSocket;
          }
          synchronized (calls) {
            identifiedShards.add(id + "/" + total);
          }
          identifies.incrementAndGet();
          firstIdentifyNanos.compareAndSet(0, System.nanoTime());
          sendReady(webSocket, id, total);
          firstReadyNanos.compareAndSet(0, System.nanoTime());
          synchronized (calls) {
            calls.notifyAll();
          }
        }
        case 6 -> {
          String session = payload.path("d").path("session_id").asText("");
          int shard = session.startsWith("emulated-session-") ? Integer.parseInt(session.substring(17)) : 0;
          shardSockets.put(shard, webSocket);
          if (shard == 0) {
            gateway = webSocket;
          }
          send(webSocket, "RESUMED", JSON.createObjectNode());
          synchronized (calls) {
            resumes.incrementAndGet();
            calls.notifyAll();
          }
        }
        default -> { }
      }
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      synchronized (calls) {
        clientCloseCodes.add(code);
        calls.notifyAll();
      }
      webSocket.close(code, null);
    }
  }

  /** The guilds a shard carries: Discord's rule, (guild_id >> 22) % shards. The second guild only when sharded. */
  private static List<Long> guildsOn(int shard, int total) {
    List<Long> all = total > 1 ? List.of(GUILD_ID, SECOND_GUILD_ID) : List.of(GUILD_ID);
    return all.stream().filter(g -> (g >> 22) % total == shard).toList();
  }

  /** The guild a channel (or a thread, by its parent) belongs to. */
  private long guildOf(long channelId) {
    if (channelId == SECOND_SUPPORT_CHANNEL_ID) {
      return SECOND_GUILD_ID;
    }
    return starters.getOrDefault(channelId, GUILD_ID);
  }

  /** The shards the bot identified as, "id/total", in order. */
  List<String> identifiedShards() {
    synchronized (calls) {
      return List.copyOf(identifiedShards);
    }
  }

  /** Waits until {@code count} shards have identified. */
  void awaitShards(int count, Duration timeout) {
    waitUntil(() -> identifiedShards.size() >= count, timeout, count + " shards to identify");
  }

  private void sendReady(WebSocket socket, int shard, int total) {
    ObjectNode ready = JSON.createObjectNode();
    ready.put("v", 10);
    ready.set("user", user(BOT_ID, "Offramp", true));
    ArrayNode readyGuilds = ready.putArray("guilds");
    List<Long> guilds = guildsOn(shard, total);
    guilds.forEach(g -> readyGuilds.addObject().put("id", Long.toString(g)).put("unavailable", true));
    ready.putArray("private_channels");
    // One session per shard, so a RESUME says which shard's connection it replaces.
    ready.put("session_id", "emulated-session-" + shard);
    ready.put("resume_gateway_url", gatewayUrl());
    ready.putObject("application").put("id", Long.toString(APP_ID)).put("flags", 0);
    ready.putArray("shard").add(shard).add(total);
    send(socket, "READY", ready);
    guilds.forEach(g -> send(socket, "GUILD_CREATE", guild(g)));
  }

  private ObjectNode guild(long guildId) {
    ObjectNode g = JSON.createObjectNode();
    g.put("id", Long.toString(guildId));
    g.put("name", "Offramp Test Server");
    g.put("owner_id", "900000000000000099");
    g.put("member_count", 3);
    g.put("afk_timeout", 300);
    g.put("verification_level", 0);
    g.put("default_message_notifications", 0);
    g.put("explicit_content_filter", 0);
    g.put("mfa_level", 0);
    g.put("nsfw_level", 0);
    g.put("premium_tier", 0);
    g.put("preferred_locale", "en-US");
    g.putArray("features");
    ArrayNode roles = g.putArray("roles");
    roles.add(role(guildId, "@everyone", 0, EVERYONE_PERMISSIONS));
    roles.add(role(STAFF_ROLE_ID, "Staff", 1, EVERYONE_PERMISSIONS | (1L << 5)));
    roles.add(role(MODERATOR_ROLE_ID, "Moderators", 2, EVERYONE_PERMISSIONS | (1L << 34)));
    roles.add(role(BOT_ROLE_ID, "Offramp", 3, BOT_PERMISSIONS));
    ArrayNode members = g.putArray("members");
    ObjectNode self = members.addObject();
    self.set("user", user(BOT_ID, "Offramp", true));
    self.putArray("roles").add(Long.toString(BOT_ROLE_ID));
    self.put("joined_at", "2024-01-01T00:00:00.000000+00:00");
    ArrayNode channels = g.putArray("channels");
    if (guildId == GUILD_ID) {
      channels.add(textChannel(GUILD_ID, SUPPORT_CHANNEL_ID, "support", 0));
      channels.add(textChannel(GUILD_ID, OTHER_CHANNEL_ID, "general", 1));
      ObjectNode tickets = textChannel(GUILD_ID, TICKETS_CHANNEL_ID, "tickets", 2);
      if (deniedInTickets != 0) {
        tickets.withArray("permission_overwrites").addObject().put("id", Long.toString(BOT_ID)).put("type", 1)
            .put("allow", "0").put("deny", Long.toString(deniedInTickets));
      }
      channels.add(tickets);
      channels.add(textChannel(GUILD_ID, LOG_CHANNEL_ID, "ticket-log", 3));
    } else {
      channels.add(textChannel(guildId, SECOND_SUPPORT_CHANNEL_ID, "help-desk", 0));
    }
    g.putArray("threads");
    g.putArray("guild_scheduled_events");
    g.putArray("emojis");
    g.putArray("stickers");
    g.putArray("voice_states");
    g.putArray("presences");
    g.putArray("stage_instances");
    g.putArray("soundboard_sounds");
    return g;
  }

  private static ObjectNode role(long id, String name, int position, long permissions) {
    ObjectNode r = JSON.createObjectNode();
    r.put("id", Long.toString(id));
    r.put("name", name);
    r.put("position", position);
    r.put("permissions", Long.toString(permissions));
    r.put("color", 0);
    r.putObject("colors").put("primary_color", 0);
    r.put("hoist", false);
    r.put("managed", false);
    r.put("mentionable", true);
    r.put("flags", 0);
    return r;
  }

  private static ObjectNode textChannel(long guildId, long id, String name, int position) {
    ObjectNode c = JSON.createObjectNode();
    c.put("id", Long.toString(id));
    c.put("type", 0);
    c.put("name", name);
    c.put("position", position);
    c.put("guild_id", Long.toString(guildId));
    c.putArray("permission_overwrites");
    c.put("nsfw", false);
    c.put("rate_limit_per_user", 0);
    return c;
  }

  static ObjectNode user(long id, String name, boolean bot) {
    ObjectNode u = JSON.createObjectNode();
    u.put("id", Long.toString(id));
    u.put("username", name);
    u.put("discriminator", "0");
    u.put("global_name", name);
    u.putNull("avatar");
    u.put("bot", bot);
    return u;
  }

  private void send(WebSocket socket, String type, ObjectNode data) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("op", 0);
    payload.put("t", type);
    payload.put("s", sequence.incrementAndGet());
    payload.set("d", data);
    socket.send(payload.toString());
  }

  /** Sends a guild's event on the shard that carries the guild, as Discord does. */
  void dispatchTo(long guildId, String type, ObjectNode data) {
    WebSocket socket = shardSockets.getOrDefault((int) ((guildId >> 22) % shardsTotal), gateway);
    if (socket == null) {
      throw new IllegalStateException("no gateway connection for guild " + guildId);
    }
    send(socket, type, data);
  }

  /**
   * An interaction, on the shard of its guild as Discord sends it (shard 0 for a DM, and when the
   * bot runs one shard).
   */
  private void dispatchInteraction(ObjectNode i) {
    if (i.hasNonNull("guild_id")) {
      dispatchTo(i.path("guild_id").asLong(), "INTERACTION_CREATE", i);
    } else {
      dispatch("INTERACTION_CREATE", i);
    }
  }

  /** Sends on shard 0's connection: DMs, and everything when the bot runs one shard. */
  void dispatch(String type, ObjectNode data) {
    WebSocket socket = gateway;
    if (socket == null) {
      throw new IllegalStateException("no gateway connection");
    }
    send(socket, type, data);
  }

  // ---------------------------------------------------------------- what members do

  /** A member writes in a guild channel (or thread); returns the message id. */
  long guildMessage(long channelId, long memberId, String name, String content, List<Long> roleIds) {
    long guildId = guildOf(channelId);
    ObjectNode m = memberMessage(channelId, memberId, name, content);
    m.put("guild_id", Long.toString(guildId));
    ObjectNode member = m.putObject("member");
    ArrayNode roles = member.putArray("roles");
    roleIds.forEach(r -> roles.add(Long.toString(r)));
    member.put("joined_at", "2024-01-01T00:00:00.000000+00:00");
    starters.put(m.path("id").asLong(), guildId); // a thread opened on it belongs to the same guild
    dispatchTo(guildId, "MESSAGE_CREATE", m);
    return m.path("id").asLong();
  }

  /** A member writes in a guild channel and mentions the bot (its user in "mentions"); returns the message id. */
  long guildMessageMentioningBot(long channelId, long memberId, String name, String content) {
    ObjectNode m = memberMessage(channelId, memberId, name, "<@" + BOT_ID + "> " + content);
    m.put("guild_id", Long.toString(GUILD_ID));
    ((ArrayNode) m.get("mentions")).add(user(BOT_ID, "Offramp", true));
    ObjectNode member = m.putObject("member");
    member.putArray("roles");
    member.put("joined_at", "2024-01-01T00:00:00.000000+00:00");
    dispatch("MESSAGE_CREATE", m);
    return m.path("id").asLong();
  }

  /** A member writes to the bot in a DM (no guild_id); the DM channel id is derived from the member. */
  long directMessage(long memberId, String name, String content) {
    ObjectNode m = memberMessage(dmChannel(memberId), memberId, name, content);
    dispatch("MESSAGE_CREATE", m);
    return m.path("id").asLong();
  }

  /** A MESSAGE_CREATE payload with every field JDA requires (mentions and mention_roles included). */
  private ObjectNode memberMessage(long channelId, long memberId, String name, String content) {
    ObjectNode m = memberMessagePayload(channelId, memberId, name, content);
    names.put(memberId, name);
    if (keepHistory) {
      memberMessages.put(m.path("id").asLong(), m);
    }
    return m;
  }

  private ObjectNode memberMessagePayload(long channelId, long memberId, String name, String content) {
    ObjectNode m = JSON.createObjectNode();
    m.put("id", Long.toString(nextId()));
    m.put("type", 0);
    m.put("channel_id", Long.toString(channelId));
    m.set("author", user(memberId, name, false));
    m.put("content", content);
    m.put("timestamp", Instant.now().toString());
    m.putArray("mentions");
    m.putArray("mention_roles");
    m.putArray("attachments");
    m.putArray("embeds");
    m.putArray("components");
    m.put("flags", 0);
    m.put("tts", false);
    m.put("pinned", false);
    m.put("mention_everyone", content.contains("@everyone"));
    return m;
  }

  static long dmChannel(long memberId) {
    return memberId + 1_000_000;
  }

  /** A member with these roles clicks a button on a message the bot sent in a server; returns the interaction id. */
  long clickWithRoles(ObjectNode message, long memberId, List<Long> roleIds, String customId) {
    long id = nextId();
    ObjectNode i = interaction(id, 3, message.path("channel_id").asLong(), memberId, 0);
    ArrayNode roles = i.with("member").withArray("roles");
    roles.removeAll();
    roleIds.forEach(r -> roles.add(Long.toString(r)));
    return pressButton(i, message, customId);
  }

  /** A member clicks a button on a message the bot sent them in a DM; returns the interaction id. */
  long clickInDm(ObjectNode message, long memberId, String customId) {
    long id = nextId();
    ObjectNode i = dmInteraction(id, 3, memberId);
    return pressButton(i, message, customId);
  }

  /**
   * A member submits the rating modal: a select's choice and a text input's value, each in a label
   * (component type 18), as Discord sends them. {@code inDm} for a modal opened from a DM.
   */
  long submitRating(long channelId, long memberId, String modalId, String rating, String comment, boolean inDm) {
    long id = nextId();
    ObjectNode i = inDm ? dmInteraction(id, 5, memberId) : interaction(id, 5, channelId, memberId, 0);
    ObjectNode data = i.putObject("data");
    data.put("custom_id", modalId);
    ArrayNode components = data.putArray("components");
    ObjectNode first = components.addObject().put("type", 18).put("id", 1);
    first.putObject("component").put("type", 3).put("id", 2).put("custom_id", "rating").putArray("values").add(rating);
    ObjectNode second = components.addObject().put("type", 18).put("id", 3);
    second.putObject("component").put("type", 4).put("id", 4).put("custom_id", "comment").put("value", comment);
    dispatchInteraction(i);
    return id;
  }

  /** Sends {@code i} as a press of the button {@code customId} on {@code message}; returns its id. */
  private long pressButton(ObjectNode i, ObjectNode message, String customId) {
    ObjectNode data = i.putObject("data");
    data.put("custom_id", customId);
    data.put("component_type", 2);
    i.set("message", message);
    dispatchInteraction(i);
    return i.path("id").asLong();
  }

  /** An interaction in the member's DM with the bot: no guild, the user instead of a member. */
  private ObjectNode dmInteraction(long id, int type, long memberId) {
    ObjectNode i = JSON.createObjectNode();
    i.put("id", Long.toString(id));
    i.put("application_id", Long.toString(APP_ID));
    i.put("type", type);
    i.put("token", "interaction-token-" + id);
    i.put("version", 1);
    long channelId = dmChannel(memberId);
    i.put("channel_id", Long.toString(channelId));
    ObjectNode channel = i.putObject("channel");
    channel.put("id", Long.toString(channelId));
    channel.put("type", 1);
    String name = names.getOrDefault(memberId, "member" + memberId % 1000);
    channel.putArray("recipients").add(user(memberId, name, false));
    i.set("user", user(memberId, name, false));
    i.put("app_permissions", Long.toString(BOT_PERMISSIONS));
    i.put("locale", locales.getOrDefault(memberId, "en-US"));
    i.put("context", 1);
    i.putObject("authorizing_integration_owners").put("1", Long.toString(memberId));
    i.putArray("entitlements");
    return i;
  }

  /**
   * A member with {@code permissions} (Manage Server brings the staff role) picks {@code values} in
   * the select menu {@code customId} of {@code message} (an ephemeral reply the bot edited, say);
   * returns the interaction id.
   */
  long select(ObjectNode message, long memberId, long permissions, String customId, String... values) {
    long id = nextId();
    ObjectNode i = interaction(id, 3, message.path("channel_id").asLong(), memberId, permissions);
    ObjectNode data = i.putObject("data");
    data.put("custom_id", customId);
    data.put("component_type", 3);
    ArrayNode picked = data.putArray("values");
    for (String v : values) {
      picked.add(v);
    }
    i.set("message", message);
    dispatchInteraction(i);
    return id;
  }

  /** A member clicks a button on a message the bot sent; returns the interaction id. */
  long click(ObjectNode message, long memberId, String customId) {
    long id = nextId();
    ObjectNode i = interaction(id, 3, message.path("channel_id").asLong(), memberId, 0);
    return pressButton(i, message, customId);
  }

  /** A member runs a slash command in a guild channel, with the member's permissions. */
  long slash(String name, Map<String, String> options, long memberId, long channelId, long permissions) {
    long id = nextId();
    ObjectNode i = interaction(id, 2, channelId, memberId, permissions);
    ObjectNode data = i.putObject("data");
    data.put("id", Long.toString(nextId()));
    data.put("name", name);
    data.put("type", 1);
    ArrayNode opts = data.putArray("options");
    options.forEach((k, v) -> {
      if (v == null) {
        opts.addObject().put("name", k).put("type", 1).putArray("options");
      } else {
        opts.addObject().put("name", k).put("type", 3).put("value", v);
      }
    });
    dispatchInteraction(i);
    return id;
  }

  /** The fields Discord sends for a public thread the bot opened in {@code parentId}, set on {@code thread}. */
  private static void botThread(ObjectNode thread, long parentId, String name, int messages) {
    thread.put("parent_id", Long.toString(parentId));
    thread.put("type", 11);
    thread.put("name", name);
    thread.put("owner_id", Long.toString(BOT_ID));
    thread.put("member_count", 1);
    thread.put("message_count", messages);
    thread.put("total_message_sent", messages);
    thread.put("rate_limit_per_user", 0);
    thread.put("flags", 0);
    ObjectNode meta = thread.putObject("thread_metadata");
    meta.put("archived", false);
    meta.put("locked", false);
    meta.put("auto_archive_duration", 1440);
    meta.put("archive_timestamp", Instant.now().toString());
  }

  private ObjectNode interaction(long id, int type, long channelId, long memberId, long permissions) {
    ObjectNode i = JSON.createObjectNode();
    i.put("id", Long.toString(id));
    i.put("application_id", Long.toString(APP_ID));
    i.put("type", type);
    i.put("token", "interaction-token-" + id);
    i.put("version", 1);
    i.put("channel_id", Long.toString(channelId));
    ObjectNode channel = i.putObject("channel");
    channel.put("id", Long.toString(channelId));
    boolean text = channelId == SUPPORT_CHANNEL_ID || channelId == OTHER_CHANNEL_ID || channelId == TICKETS_CHANNEL_ID
        || channelId == LOG_CHANNEL_ID;
    channel.put("type", text ? 0 : 11);
    channel.put("guild_id", Long.toString(GUILD_ID));
    if (!text && threads.containsKey(channelId)) {
      channel.setAll(threads.get(channelId).deepCopy()); // a thread the bot opened, as it is now
    } else if (!text) {
      // A thread the bot opened, with the fields Discord sends for one (JDA needs them when the
      // thread is not in its cache, as after a restart).
      botThread(channel, SUPPORT_CHANNEL_ID, "thread", 1);
    }
    i.put("guild_id", Long.toString(GUILD_ID));
    i.putObject("guild").put("id", Long.toString(GUILD_ID)).put("locale", "en-US").putArray("features");
    ObjectNode member = i.putObject("member");
    member.set("user", user(memberId, names.getOrDefault(memberId, "member" + memberId % 1000), false));
    // JDA works permissions out from roles, as Discord does: Manage Server comes with the staff role.
    ArrayNode roles = member.putArray("roles");
    if ((permissions & (1L << 5)) != 0) {
      roles.add(Long.toString(STAFF_ROLE_ID));
    }
    member.put("joined_at", "2024-01-01T00:00:00.000000+00:00");
    member.put("permissions", Long.toString(permissions));
    i.put("app_permissions", Long.toString(BOT_PERMISSIONS));
    i.put("locale", locales.getOrDefault(memberId, "en-US"));
    i.put("guild_locale", "en-US");
    i.put("context", 0);
    i.putObject("authorizing_integration_owners").put("0", Long.toString(GUILD_ID));
    i.putArray("entitlements");
    return i;
  }

  /**
   * Drops the gateway session as a fault would. mockwebserver cannot cut a server-side socket
   * mid-stream, so this closes it with 4000 (Discord's "unknown error, reconnect"), after which a
   * client must reconnect and resume, as it must after a network drop.
   */
  void dropGateway() {
    WebSocket socket = gateway;
    if (socket != null) {
      socket.close(4000, "emulated drop");
    }
  }

  /** Sends op 7 Reconnect: Discord asks the client to reconnect and resume. */
  void askToReconnect() {
    WebSocket socket = gateway;
    if (socket != null) {
      socket.send("{\"op\":7,\"d\":null}");
    }
  }

  @Override
  public void close() throws IOException {
    WebSocket socket = gateway;
    if (socket != null) {
      socket.close(1000, "emulator stopping");
    }
    server.close();
  }
}
