package app.offramp.adapter.store;

import app.offramp.core.conversation.ConversationEngine;
import app.offramp.core.conversation.ConversationKey;
import app.offramp.core.service.ConversationService;
import app.offramp.core.conversation.ConversationState;
import app.offramp.core.conversation.Engines;
import app.offramp.core.conversation.Input;
import app.offramp.core.conversation.Turn;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CaffeineConversationStoreTest extends ConversationStoreContract {
  @Override
  protected app.offramp.core.conversation.ConversationStore store() {
    return new CaffeineConversationStore(Duration.ofMinutes(30), 1000, ticker);
  }

  private final AtomicLong nanos = new AtomicLong();
  private final Ticker ticker = nanos::get;
  private final ConversationEngine engine = Engines.real();
  private final ConversationKey aliceInThread = new ConversationKey("alice", "thread-1");

  @Test
  void aConversationExpiresAfterItsIdleTimeoutOnTheFakeClock() {
    ConversationService service = new ConversationService(engine,
        new CaffeineConversationStore(Duration.ofMinutes(30), 100, ticker));
    service.handle(aliceInThread, new Input.Text("cancel amazon music on my phone"));
    nanos.addAndGet(Duration.ofMinutes(29).toNanos());
    assertThat(service.handle(aliceInThread, new Input.Pick("nav:next")).text()).contains("Step 2 of 5");
    nanos.addAndGet(Duration.ofMinutes(31).toNanos());
    assertThat(service.handle(aliceInThread, new Input.Pick("nav:next")).text())
        .isEqualTo("This conversation has expired — ask again.");
  }

  @Test
  void oneMemberKeepsSeparateConversationsInTwoPlaces() {
    ConversationService service = new ConversationService(engine, new CaffeineConversationStore(Duration.ofMinutes(30), 100, ticker));
    ConversationKey other = new ConversationKey("alice", "thread-2");
    service.handle(aliceInThread, new Input.Text("cancel amazon music on my phone"));
    service.handle(other, new Input.Text("cancel amazon music on my laptop"));
    assertThat(service.handle(aliceInThread, new Input.Pick("nav:next")).text()).contains("My Music");
    assertThat(service.handle(other, new Input.Pick("nav:next")).text()).contains("Account & Lists");
  }

  @Test
  void theSizeBoundEvictsOldConversations() {
    CaffeineConversationStore store = new CaffeineConversationStore(Duration.ofMinutes(30), 10, ticker);
    ConversationService service = new ConversationService(engine, store);
    for (int i = 0; i < 50; i++) {
      service.handle(new ConversationKey("m" + i, "dm"), new Input.Text("hello"));
    }
    assertThat(store.size()).isLessThanOrEqualTo(10);
  }

  @Test
  void concurrentInputsForOneConversationApplyOneAtATime() throws Exception {
    CaffeineConversationStore store = new CaffeineConversationStore(Duration.ofMinutes(30), 100, ticker);
    ConversationService service = new ConversationService(engine, store);
    service.handle(aliceInThread, new Input.Text("cancel amazon music on my phone"));
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String choice = i % 2 == 0 ? "nav:next" : "nav:back";
      futures.add(pool.submit(() -> {
        start.await();
        store.apply(aliceInThread, s -> {
          maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
          Turn t = engine.handle(s, new Input.Pick(choice));
          inside.decrementAndGet();
          return t;
        });
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(maxInside.get()).isEqualTo(1);
    // 100 nexts and 100 backs, clamped at both ends: the step is a valid index whatever the order.
    assertThat(store.get(aliceInThread).orElseThrow().step()).isBetween(0, 4);
  }

  @Test
  void aLongTurnHoldsUpNoOtherMembersTurns() throws Exception {
    // A turn matches a message (milliseconds); run inside the map's compute it held a lock on a
    // bin of the hash table, and every turn needing that bin, or the table's resizing, waited.
    CaffeineConversationStore store = new CaffeineConversationStore(Duration.ofMinutes(30), 100_000, ticker);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // More threads than turns that share the slow key's stripe (about 2,000 / 256), which wait.
    ExecutorService pool = Executors.newFixedThreadPool(64);
    try {
      Future<Turn> slow = pool.submit(() -> store.apply(aliceInThread, s -> {
        inside.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return ConversationStoreContract.turn(ConversationStoreContract.full());
      }));
      assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
      int others = 2_000;
      CountDownLatch done = new CountDownLatch(others - others / 64); // a few share the slow key's stripe: they wait
      for (int i = 0; i < others; i++) {
        ConversationKey key = new ConversationKey(Long.toString(800_000_000_000_000_100L + i), "dm");
        pool.submit(() -> {
          store.apply(key, s -> ConversationStoreContract.turn(ConversationStoreContract.full()));
          done.countDown();
        });
      }
      assertThat(done.await(20, TimeUnit.SECONDS)).as("other members' turns done while one turn is long").isTrue();
      release.countDown();
      assertThat(slow.get(10, TimeUnit.SECONDS).state()).isNotNull();
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }
}
