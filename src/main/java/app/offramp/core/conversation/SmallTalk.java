package app.offramp.core.conversation;

import app.offramp.core.match.MessageCleaner;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Messages that are courtesy, not questions: "thanks!", "ok", "cool", "bye", "hi", "nvm figured it
 * out". A message is small talk when every word of it is one of these, so "ok so how do I cancel"
 * is still a question. They get a short human reply and never the topic menu.
 */
final class SmallTalk {
  enum Kind { GREETING, THANKS, BYE, NEVER_MIND, ACKNOWLEDGE }

  /** Words that decide the kind, in order of precedence: "ok thanks bye" is thanks. */
  private static final List<KindWords> HEADS = List.of(
      new KindWords(Kind.NEVER_MIND, Set.of("nvm", "nevermind", "nvmd", "figured", "mind", "solved", "fixed")),
      new KindWords(Kind.THANKS, Set.of("thanks", "thank", "thx", "ty", "tysm", "tyvm", "cheers", "appreciate",
          "appreciated", "thankyou", "thnx", "thanx")),
      new KindWords(Kind.BYE, Set.of("bye", "goodbye", "cya", "later", "byee", "ttyl", "gn")),
      new KindWords(Kind.GREETING, Set.of("hi", "hello", "hey", "yo", "sup", "hiya", "howdy", "heya", "hallo",
          "hola", "morning", "evening")),
      new KindWords(Kind.ACKNOWLEDGE, Set.of("ok", "okay", "k", "kk", "okey", "cool", "nice", "great", "alright",
          "sure", "perfect", "awesome", "lol", "lmao", "yes", "yep", "yeah", "ya", "noted", "understood", "gotcha",
          "neat", "sweet", "good", "fine", "wow", "ah", "oh", "hmm", "right")));

  private record KindWords(Kind kind, Set<String> words) {}

  /** Words that may stand beside a head word without making the message a question. */
  private static final Set<String> FILLER = Set.of("you", "u", "so", "much", "a", "lot", "it", "out", "got", "i",
      "bot", "there", "again", "anyway", "very", "all", "man", "bro", "mate", "never", "see", "now", "for", "the",
      "help", "that", "this", "works", "worked", "thats", "im", "good", "well", "just", "guys", "everyone", "then",
      "on", "my", "own", "already", "too", "and", "have", "day", "nice", "bud", "buddy", "sir", "offramp", "dude");

  /** Compiled once (String.split compiles it on every message). */
  private static final java.util.regex.Pattern NOT_WORD = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}]+");

  private SmallTalk() {}

  static Optional<Kind> classify(String text) {
    String cleaned = MessageCleaner.clean(text).toLowerCase(Locale.ROOT).replace("'", "").replace("\u2019", "");
    String[] words = NOT_WORD.split(cleaned);
    Kind best = null;
    int bestRank = Integer.MAX_VALUE;
    int count = 0;
    for (String w : words) {
      if (w.isEmpty()) {
        continue;
      }
      count++;
      boolean head = false;
      for (int rank = 0; rank < HEADS.size(); rank++) {
        if (HEADS.get(rank).words().contains(w)) {
          head = true;
          if (rank < bestRank) {
            bestRank = rank;
            best = HEADS.get(rank).kind();
          }
        }
      }
      if (!head && !FILLER.contains(w)) {
        return Optional.empty();
      }
    }
    // "help" alone, or filler alone ("so", "the"), is not small talk: it needs a head word.
    return count == 0 || count > 8 ? Optional.empty() : Optional.ofNullable(best);
  }

  /** The reply: short, human, and it points back to the walk-through when one is under way. */
  static String reply(Kind kind, Optional<String> place) {
    String where = place.map(p -> " " + p).orElse("");
    return switch (kind) {
      case GREETING -> place.isPresent() ? "Hi!" + where
          : "Hi! Ask me how to cancel Amazon Music, or anything around it.";
      case THANKS -> "You're welcome!" + where;
      case BYE -> "Bye, good luck!" + where;
      case NEVER_MIND -> "No problem." + where;
      case ACKNOWLEDGE -> place.isPresent() ? "Okay." + where : "Okay. Ask me anything else whenever you like.";
    };
  }
}
