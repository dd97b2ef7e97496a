package app.offramp.core.match;

/** One word of a message: as written (lower-cased, accents folded) and its stem. */
record Token(String surface, String stem) {}
