package app.offramp.adapter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.offramp.core.conversation.ConversationEngine;
import app.offramp.core.conversation.ConversationKey;
import app.offramp.core.conversation.ConversationStore;
import app.offramp.core.conversation.Engines;
import app.offramp.core.conversation.Input;
import app.offramp.core.conversation.Reply;
import app.offramp.core.service.ConversationService;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract against a real redis-server, and what only Redis can do wrong. */
class RedisConversationStoreTest extends ConversationStoreContract {
  private static RedisServer server;
  private static RedisClient raw;
  private static StatefulRedisConnection<String, String> rawConnection;
  private final List<RedisConversationStore> opened = new ArrayList<>();

  @BeforeAll
  static void startRedis() throws Exception {
    server = new RedisServer();
    raw = RedisClient.create(server.url());
    rawConnection = raw.connect();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    rawConnection.close();
    raw.shutdown();
    server.close();
  }

  @AfterEach
  void closeStores() {
    opened.forEach(RedisConversationStore::close);
    if (rawConnection.isOpen()) {
      rawConnection.sync().flushall();
    }
  }

  @Override
  protected RedisConversationStore store() {
    RedisConversationStore store = new RedisConversationStore(server.url(), Duration.ofMinutes(30));
    opened.add(store);
    return store;
  }

  @Test
  void aConversationIsOneKeyWhoseTtlIsTheIdleTimeoutSetAgainOnEveryTurn() {
    RedisConversationStore store = store();
    store.apply(alice, s -> turn(full()));
    String key = "offramp:conv:800000000000000001:900000000000000001";
    assertThat(rawConnection.sync().exists(key)).isEqualTo(1L);
    rawConnection.sync().pexpire(key, 5_000);
    store.apply(alice, s -> turn(s));
    assertThat(rawConnection.sync().pttl(key)).isBetween(Duration.ofMinutes(29).toMillis(), Duration.ofMinutes(30).toMillis());
  }

  @Test
  void twoProcessesTurningOneConversationAtOnceLoseNoTurn() throws Exception {
    RedisConversationStore one = store();
    RedisConversationStore two = store();
    one.apply(alice, s -> turn(new app.offramp.core.conversation.ConversationState(
        app.offramp.core.conversation.ConversationState.Phase.STEPPING, "cancel", "web", 0, List.of())));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      RedisConversationStore store = i % 2 == 0 ? one : two;
      futures.add(pool.submit(() -> store.apply(alice, s -> turn(new app.offramp.core.conversation.ConversationState(
          s.phase(), s.intentId(), s.slotValue(), s.step() + 1, List.of())))));
    }
    for (java.util.concurrent.Future<?> f : futures) {
      f.get(60, java.util.concurrent.TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(one.get(alice).orElseThrow().step()).isEqualTo(200);
  }

  @Test
  void aStateOfAnotherVersionOrGarbageReadsAsNoConversationNotACrash() {
    RedisConversationStore store = store();
    String key = RedisConversationStore.key(alice);
    rawConnection.sync().set(key, StateJson.write(full()).replace("\"v\":1", "\"v\":99"));
    assertThat(store.get(alice)).isEmpty();
    rawConnection.sync().set(key, "{not json");
    assertThat(store.get(alice)).isEmpty();
    ConversationService service = new ConversationService(Engines.real(), store);
    assertThat(service.handle(alice, new Input.Pick("nav:next")).kind()).isEqualTo(Reply.Kind.EXPIRED);
  }

  @Test
  void twoStoresOnOneRedisShareConversationsAsTwoProcessesWould() {
    ConversationEngine engine = Engines.real();
    ConversationService first = new ConversationService(engine, store());
    first.handle(alice, new Input.Text("cancel amazon music on my phone"));
    ConversationService second = new ConversationService(engine, store());
    assertThat(second.handle(alice, new Input.Pick("nav:next")).text()).contains("Step 2 of 5");
  }

  @Test
  void whenRedisIsDownNewQuestionsAreAnsweredAWalkThroughSaysItCannotGoOnAndItRecovers() throws Exception {
    ConversationEngine engine = Engines.real();
    RedisConversationStore store = store();
    ConversationService service = new ConversationService(engine, store);
    ConversationKey bob = new ConversationKey("bob", "dm");
    service.handle(bob, new Input.Text("cancel amazon music on my phone"));
    server.stop();
    try {
      assertThatThrownBy(() -> store.get(bob)).isInstanceOf(ConversationStore.Unavailable.class);
      assertThat(service.handle(bob, new Input.Text("is there a penalty for cancelling")).text()).contains("no penalty");
      assertThat(service.handle(bob, new Input.Pick("nav:next")).text()).isEqualTo(engine.cannotResume().text());
      assertThat(service.handle(bob, new Input.Text("next")).text()).isEqualTo(engine.cannotResume().text());
      assertThat(store.errors()).isPositive();
    } finally {
      server.start();
    }
    // Lettuce reconnects by itself; the conversation itself was lost with the server (no persistence).
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Reply reply = null;
    while (System.nanoTime() < deadline) {
      reply = service.handle(bob, new Input.Text("cancel amazon music on my phone"));
      if (service.isActive(bob)) {
        break;
      }
      Thread.onSpinWait();
    }
    assertThat(store.get(bob)).as("remembered again once Redis is back").isPresent();
    assertThat(service.handle(bob, new Input.Pick("nav:next")).text()).contains("Step 2 of 5");
    assertThat(reply).isNotNull();
  }

  /** Regression (issue 23): a value of another type at a conversation's key failed every turn; it reads as expired. */
  @Test
  void aValueOfAnotherTypeOrFarTooLargeReadsAsExpiredAndIsOverwritten() {
    RedisConversationStore store = store();
    ConversationKey key = new ConversationKey("42", "dm");
    rawConnection.sync().hset(RedisConversationStore.key(key), "field", "value");
    ConversationService service = new ConversationService(Engines.real(), store);
    assertThat(service.handle(key, new Input.Text("is there a penalty for cancelling")).text()).contains("no penalty");
    assertThat(rawConnection.sync().type(RedisConversationStore.key(key))).isEqualTo("string");
    rawConnection.sync().set(RedisConversationStore.key(key), "x".repeat(RedisConversationStore.MAX_VALUE + 1));
    assertThat(store.get(key)).as("a value far larger than any state is not one").isEmpty();
    assertThat(service.handle(key, new Input.Text("next")).text()).startsWith("There's nothing in progress");
    assertThat(rawConnection.sync().strlen(RedisConversationStore.key(key))).isLessThan(RedisConversationStore.MAX_VALUE);
  }

  /**
   * Regression (issue 23): a wrong password, a database that does not exist and an unknown host all
   * logged "cannot connect" forever. They are settings, named at start, never quoting the URL.
   */
  @Test
  void aMisconfiguredRedisIsNamedAtStartNotRetriedForever() throws Exception {
    try (RedisServer locked = new RedisServer("--requirepass", "right-one")) {
      assertThatThrownBy(() -> new RedisConversationStore("redis://:wrong-one@127.0.0.1:" + locked.port() + "/0",
          Duration.ofMinutes(30))).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("refused the password").hasMessageNotContaining("wrong-one");
      new RedisConversationStore("redis://:right-one@127.0.0.1:" + locked.port() + "/0", Duration.ofMinutes(30)).close();
    }
    assertThatThrownBy(() -> new RedisConversationStore("redis://127.0.0.1:" + server.port() + "/99", Duration.ofMinutes(30)))
        .hasMessageContaining("no database of that number");
    assertThatThrownBy(() -> new RedisConversationStore("redis://no-such-host.invalid:6379/0", Duration.ofMinutes(30)))
        .hasMessageContaining("host is unknown");
  }
}
