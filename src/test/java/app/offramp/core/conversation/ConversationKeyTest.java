package app.offramp.core.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The compact key keeps exactly the strings it was given, and compares as they do. */
class ConversationKeyTest {
  @Property
  void givesBackTheStringsItWasGivenAndIsEqualExactlyWhenTheyAre(@ForAll("parts") String m1, @ForAll("parts") String p1,
      @ForAll("parts") String m2, @ForAll("parts") String p2) {
    ConversationKey a = new ConversationKey(m1, p1);
    ConversationKey b = new ConversationKey(m2, p2);
    assertThat(a.memberId()).isEqualTo(m1);
    assertThat(a.placeId()).isEqualTo(p1);
    boolean same = m1.equals(m2) && p1.equals(p2);
    assertThat(a.equals(b)).isEqualTo(same);
    if (same) {
      assertThat(a.hashCode()).isEqualTo(b.hashCode());
    }
  }

  @Provide
  Arbitrary<String> parts() {
    // Numbers and near-numbers that a numeric form could confuse: leading zeros, signs, the edge of
    // an unsigned long, and its neighbour past the edge.
    return Arbitraries.oneOf(
        Arbitraries.of("0", "00", "007", "7", "-7", "+7", "", "console", "18446744073709551615",
            "18446744073709551616", "9223372036854775808", "1e3", " 7"),
        Arbitraries.longs().map(Long::toUnsignedString),
        Arbitraries.strings().numeric().ofMaxLength(22),
        Arbitraries.strings().ofMaxLength(6));
  }

  @Property
  void discordShapedIdsRoundTrip(@ForAll long member, @ForAll long place) {
    String m = Long.toUnsignedString(member);
    String p = Long.toUnsignedString(place);
    assertThat(new ConversationKey(m, p)).isEqualTo(new ConversationKey(m, p))
        .extracting(ConversationKey::memberId, ConversationKey::placeId).containsExactly(m, p);
  }

  @Property(tries = 50)
  void statesShareOneCopyOfEqualChoiceLists(@ForAll("labels") String label) {
    List<Choice> a = List.of(Choice.of("nav:next", label), Choice.of("staff", "Talk to staff"));
    List<Choice> b = List.of(Choice.of("nav:next", new String(label)), Choice.of("staff", "Talk to staff"));
    ConversationState one = new ConversationState(ConversationState.Phase.STEPPING, "cancel", "web", 1, a);
    ConversationState two = new ConversationState(ConversationState.Phase.STEPPING, "cancel", "web", 1, b);
    assertThat(one.offered()).isSameAs(two.offered()).isEqualTo(a);
  }

  @Provide
  Arbitrary<String> labels() {
    return Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10);
  }
}
