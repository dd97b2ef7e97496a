package app.offramp.core.learn;

import java.util.List;

/**
 * Questions close in meaning that the bot missed, as one group: every text (once per time it was
 * asked), how many times and by how many members.
 */
public record MissGroup(List<String> texts, int count, int members) {
  public MissGroup {
    texts = List.copyOf(texts);
  }

  /** The distinct texts, in the order they came (newest first when read from the insights). */
  public List<String> distinct() {
    return texts.stream().distinct().toList();
  }
}
