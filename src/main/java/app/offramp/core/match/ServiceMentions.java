package app.offramp.core.match;

import app.offramp.core.intent.ServiceNames;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which services a message names, read with {@link ServiceNames}: this service ("amazon music"),
 * another ("netflix", "prime video"), and whether it speaks of moving to another ("switch to
 * spotify", "instead"). Names are compared as whole words with case and accents folded; a name of
 * one word of six letters or more also matches one typo away ("spotfy", "netflx"), as members type.
 * A name of this service hides another inside it: "amazon prime music" is ours, though "amazon
 * prime" alone is the membership.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class ServiceMentions {
  /** What a message names. */
  public record Reading(boolean ours, Optional<String> other, boolean switching) {
    /** Another service is what the message is about: named, this one not, and no word of moving to it. */
    public boolean aboutAnother() {
      return other.isPresent() && !ours && !switching;
    }
  }

  private static final Pattern MARKS = Pattern.compile("\\p{M}");
  private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}+]+");
  private static final int FUZZY_MIN = 6;

  private record Phrase(List<String> words, String service) {}

  private final List<Phrase> ours = new ArrayList<>();
  private final List<Phrase> others = new ArrayList<>();
  private final List<List<String>> switching = new ArrayList<>();

  public ServiceMentions(ServiceNames names) {
    names.names().forEach(n -> add(ours, n, names.service()));
    names.others().forEach((service, written) -> written.forEach(n -> add(others, n, service)));
    names.switchingWords().stream().map(ServiceMentions::words).filter(w -> !w.isEmpty()).forEach(switching::add);
  }

  private static void add(List<Phrase> into, String name, String service) {
    List<String> words = words(name);
    if (!words.isEmpty()) {
      into.add(new Phrase(words, service));
    }
  }

  public Reading read(String text) {
    List<String> words = words(text);
    // Every name found, then the longest first wherever two overlap: "amazon prime music" is ours
    // though "amazon prime" is another's, "kindle unlimited" another's though "unlimited" is ours.
    List<Found> found = new ArrayList<>();
    for (Phrase phrase : this.ours) {
      occurrences(words, phrase.words()).forEach(at -> found.add(new Found(at, phrase, true)));
    }
    for (Phrase phrase : others) {
      occurrences(words, phrase.words()).forEach(at -> found.add(new Found(at, phrase, false)));
    }
    found.sort(java.util.Comparator.comparingInt((Found f) -> -f.phrase().words().size()).thenComparingInt(Found::at));
    boolean[] taken = new boolean[words.size()];
    boolean ours = false;
    Optional<String> other = Optional.empty();
    for (Found f : found) {
      int length = f.phrase().words().size();
      if (anyTaken(taken, f.at(), length)) {
        continue;
      }
      java.util.Arrays.fill(taken, f.at(), f.at() + length, true);
      if (f.ours()) {
        ours = true;
      } else if (other.isEmpty()) {
        other = Optional.of(f.phrase().service());
      }
    }
    boolean moving = other.isPresent() && switching.stream().anyMatch(w -> Collections.indexOfSubList(words, w) >= 0);
    return new Reading(ours, other, moving);
  }

  private record Found(int at, Phrase phrase, boolean ours) {}

  private static boolean anyTaken(boolean[] taken, int from, int length) {
    for (int i = from; i < from + length; i++) {
      if (taken[i]) {
        return true;
      }
    }
    return false;
  }

  /** Where the phrase starts in the words: exact, or for one long word, one typo away. */
  private static List<Integer> occurrences(List<String> words, List<String> phrase) {
    List<Integer> at = new ArrayList<>(1);
    int n = phrase.size();
    for (int i = 0; i + n <= words.size(); i++) {
      if (n == 1 ? sameOrTypo(words.get(i), phrase.get(0)) : words.subList(i, i + n).equals(phrase)) {
        at.add(i);
      }
    }
    return at;
  }

  private static boolean sameOrTypo(String word, String name) {
    if (word.equals(name)) {
      return true;
    }
    // A typo keeps the first letter: "spotfy" is Spotify, but "mobile" is not "tmobile".
    return name.length() >= FUZZY_MIN && word.length() >= FUZZY_MIN && word.charAt(0) == name.charAt(0)
        && OneEdit.within(word, name);
  }

  static List<String> words(String text) {
    String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("")
        .toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>();
    for (String w : SEPARATORS.split(folded)) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  /** For tests and reports: the services this reads, by name. */
  Map<String, Integer> phraseCounts() {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    others.forEach(p -> counts.merge(p.service(), 1, Integer::sum));
    return counts;
  }
}
