package app.offramp.core.match;

/**
 * Which evidence the matcher weighs: words only, meaning only, or both (the default). The first two
 * exist to measure what each half contributes (the README's ablation table), with the same fitted
 * scoring; the bot always runs {@link #COMBINED}.
 */
public enum MatcherMode {
  LEXICAL, EMBEDDING, COMBINED;

  boolean usesEmbeddings() {
    return this != LEXICAL;
  }

  boolean usesWords() {
    return this != EMBEDDING;
  }
}
