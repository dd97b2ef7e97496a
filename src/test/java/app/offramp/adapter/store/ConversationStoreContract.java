package app.offramp.adapter.store;

import static org.assertj.core.api.Assertions.assertThat;

import app.offramp.core.conversation.Choice;
import app.offramp.core.conversation.ConversationKey;
import app.offramp.core.conversation.ConversationState;
import app.offramp.core.conversation.ConversationStore;
import app.offramp.core.conversation.Reply;
import app.offramp.core.conversation.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ConversationStore} must do, run against each store (memory and Redis) by a
 * subclass that says how to make one.
 */
abstract class ConversationStoreContract {
  protected final ConversationKey alice = new ConversationKey("800000000000000001", "900000000000000001");

  /** A new, empty store with a 30-minute idle timeout. */
  protected abstract ConversationStore store();

  static ConversationState full() {
    return new ConversationState(ConversationState.Phase.STEPPING, "cancel", "mobile", 2,
        List.of(new Choice("nav:next", "Next", Choice.Style.PRIMARY), Choice.of("staff", "Talk to staff — “now”")),
        Optional.of(new ConversationState.Resume("cancel", "web", 1)), 1_700_000_000_000L, 1);
  }

  static Turn turn(ConversationState state) {
    return new Turn(state, new Reply("ok", Optional.empty(), List.of(), Optional.empty(), false, Optional.empty(), 0,
        Reply.Kind.NOTICE));
  }

  @Test
  void aTurnsStateIsReadBackWholeByTheNextTurn() {
    ConversationStore store = store();
    ConversationState[] seen = new ConversationState[1];
    store.apply(alice, s -> turn(full()));
    store.apply(alice, s -> {
      seen[0] = s;
      return turn(s);
    });
    assertThat(seen[0]).isEqualTo(full());
    assertThat(store.get(alice)).contains(full());
  }

  @Test
  void theFirstTurnSeesNoStateAndANullStateRemovesTheConversation() {
    ConversationStore store = store();
    ConversationState[] seen = {full()};
    store.apply(alice, s -> {
      seen[0] = s;
      return turn(full());
    });
    assertThat(seen[0]).isNull();
    store.apply(alice, s -> turn(null));
    assertThat(store.get(alice)).isEmpty();
  }

  @Test
  void oneMemberInTwoPlacesHasTwoConversations() {
    ConversationStore store = store();
    ConversationKey elsewhere = new ConversationKey(alice.memberId(), "dm");
    store.apply(alice, s -> turn(full()));
    assertThat(store.get(elsewhere)).isEmpty();
    store.remove(alice);
    assertThat(store.get(alice)).isEmpty();
  }

  @Test
  void twoHundredConcurrentTurnsForOneMemberLoseNone() throws Exception {
    ConversationStore store = store();
    store.apply(alice, s -> turn(new ConversationState(ConversationState.Phase.STEPPING, "cancel", "web", 0, List.of())));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      futures.add(pool.submit(() -> {
        start.await();
        // Each turn counts one: a lost update shows as a total under 200.
        store.apply(alice, s -> turn(new ConversationState(s.phase(), s.intentId(), s.slotValue(), s.step() + 1, List.of())));
        return null;
      }));
    }
    start.countDown();
    for (Future<?> f : futures) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(store.get(alice).orElseThrow().step()).isEqualTo(200);
  }

  @Test
  void sizeCountsConversations() {
    ConversationStore store = store();
    for (int i = 0; i < 7; i++) {
      store.apply(new ConversationKey("m" + i, "dm"), s -> turn(full()));
    }
    assertThat(store.size()).isEqualTo(7);
  }
}
