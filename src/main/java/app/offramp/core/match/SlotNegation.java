package app.offramp.core.match;

import app.offramp.core.intent.Controls;
import app.offramp.core.intent.Slot;
import app.offramp.core.intent.SlotValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of a slot's values a message denies: "no computer, just my phone", "i don't have the app",
 * "ich habe kein Handy". A value is denied when every place the message names it follows a negation
 * of {@code controls.yaml} by at most {@value #REACH} words, with no other value named in between. A
 * weak negation ("no", which in Portuguese also means "on the": "no celular") denies only when the
 * message names another value it does not deny. Words are compared folded, a plural "s" allowed.
 */
final class SlotNegation {
  static final int REACH = 3;

  private record Phrase(String value, List<String> words) {}

  private final List<Phrase> phrases = new ArrayList<>();
  private final List<List<String>> strong = new ArrayList<>();
  private final List<List<String>> weak = new ArrayList<>();

  SlotNegation(Slot slot, Controls controls) {
    for (SlotValue value : slot.values()) {
      for (String synonym : value.synonyms()) {
        phrases.add(new Phrase(value.id(), words(synonym)));
      }
      phrases.add(new Phrase(value.id(), words(value.label())));
    }
    controls.of(Controls.Cue.NEGATION).forEach(n -> strong.add(words(n)));
    controls.of(Controls.Cue.NEGATION_WEAK).forEach(n -> weak.add(words(n)));
  }

  /** The values the message denies. */
  Set<String> denied(String text) {
    List<String> words = words(text);
    List<int[]> named = new ArrayList<>(); // [start, end (exclusive), value index]
    List<String> values = new ArrayList<>();
    for (Phrase p : phrases) {
      for (int at = 0; at + p.words().size() <= words.size(); at++) {
        if (same(words.subList(at, at + p.words().size()), p.words())) {
          named.add(new int[] {at, at + p.words().size(), index(values, p.value())});
        }
      }
    }
    Set<String> strongDenied = new HashSet<>();
    Set<String> weakDenied = new HashSet<>();
    Set<String> affirmed = new HashSet<>();
    for (int[] n : named) {
      String value = values.get(n[2]);
      if (negatedBy(strong, words, named, n)) {
        strongDenied.add(value);
      } else if (negatedBy(weak, words, named, n)) {
        weakDenied.add(value);
      } else {
        affirmed.add(value);
      }
    }
    Set<String> denied = new HashSet<>(strongDenied);
    denied.removeAll(affirmed);
    for (String value : weakDenied) {
      if (!affirmed.contains(value) && affirmed.stream().anyMatch(a -> !a.equals(value))) {
        denied.add(value);
      }
    }
    return denied;
  }

  private static int index(List<String> values, String value) {
    int i = values.indexOf(value);
    if (i < 0) {
      values.add(value);
      return values.size() - 1;
    }
    return i;
  }

  /** A negation ends within {@link #REACH} words before the value, and no other value lies between. */
  private static boolean negatedBy(List<List<String>> cues, List<String> words, List<int[]> named, int[] value) {
    for (List<String> cue : cues) {
      for (int end = Math.max(0, value[0] - REACH); end <= value[0]; end++) {
        int start = end - cue.size();
        if (start >= 0 && words.subList(start, end).equals(cue)) {
          int from = end;
          boolean between = named.stream().anyMatch(o -> o != value && o[2] != value[2] && o[0] >= from && o[0] < value[0]);
          if (!between) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Word for word, a plural "s" on the message's word allowed ("laptops", "phones"). */
  private static boolean same(List<String> message, List<String> phrase) {
    for (int i = 0; i < phrase.size(); i++) {
      String w = message.get(i);
      String p = phrase.get(i);
      if (!w.equals(p) && !w.equals(p + "s")) {
        return false;
      }
    }
    return true;
  }

  static List<String> words(String text) {
    String folded = Controls.fold(text);
    return folded.isEmpty() ? Collections.emptyList() : List.of(folded.split(" "));
  }
}
