/**
 * Maps a member's message to an intent: Lucene's analyzers tokenize, fold case and accents and
 * stem; a TF-IDF nearest-example score, with typo correction against the known vocabulary, gives a
 * confidence in [0,1] and one of three outcomes (matched, ambiguous, no match).
 */
package app.offramp.core.match;
