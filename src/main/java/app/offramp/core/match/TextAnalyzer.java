package app.offramp.core.match;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;

/**
 * Lucene's apostrophe folding, standard tokenizer, possessive removal, lower case, accent folding, English stop words
 * and the Porter stemmer. KeywordRepeatFilter emits each word twice, once protected from
 * stemming, so every token comes back with both its written form (for typo correction) and its
 * stem (for matching). Thread-safe: Lucene's Analyzer reuses its components per thread.
 */
final class TextAnalyzer implements AutoCloseable {
  /** Lucene's English stop words plus chat filler that carries no topic ("cool, how do i…", "…wtf"). */
  private static final CharArraySet STOP_WORDS;

  static {
    CharArraySet stop = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
    stop.addAll(Set.of("please", "pls", "plz", "lol", "um", "uh", "thanks", "thx", "ty", "just", "really",
        "so", "hmm", "ok", "okay", "like", "cool", "fine", "alright", "wtf", "yeah", "yep", "hey", "hi", "hello",
        "wait", "well", "anyway", "btw", "lmao", "ugh", "omg", "bro"));
    STOP_WORDS = CharArraySet.unmodifiableSet(stop);
  }

  /** Messages are cut here before analysis: no question needs more, and it bounds the work. */
  static final int MAX_CHARS = 1000;

  /** Apostrophes dropped before tokenizing, so "can't", "cant" and "can’t" are one word. */
  private static final NormalizeCharMap APOSTROPHES;

  static {
    NormalizeCharMap.Builder map = new NormalizeCharMap.Builder();
    for (String apostrophe : new String[] {"'", "\u2019", "\u2018", "`"}) {
      map.add(apostrophe, "");
    }
    APOSTROPHES = map.build();
  }

  private final Analyzer analyzer = new Analyzer() {
    @Override
    protected Reader initReader(String fieldName, Reader reader) {
      return new MappingCharFilter(APOSTROPHES, reader);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream stream = new EnglishPossessiveFilter(source);
      stream = new LowerCaseFilter(stream);
      stream = new ASCIIFoldingFilter(stream);
      stream = new StopFilter(stream, STOP_WORDS);
      stream = new KeywordRepeatFilter(stream);
      stream = new PorterStemFilter(stream);
      return new TokenStreamComponents(source, stream);
    }
  };

  List<Token> tokens(String text) {
    String input = app.offramp.core.intent.Controls.splitElisions(text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS)
        : text);
    List<Token> out = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("text", input)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      KeywordAttribute keyword = stream.addAttribute(KeywordAttribute.class);
      stream.reset();
      String surface = null;
      while (stream.incrementToken()) {
        if (keyword.isKeyword()) {
          surface = term.toString();
        } else {
          out.add(new Token(surface == null ? term.toString() : surface, term.toString()));
          surface = null;
        }
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysing an in-memory string cannot fail", e);
    }
    return out;
  }

  @Override
  public void close() {
    analyzer.close();
  }
}
