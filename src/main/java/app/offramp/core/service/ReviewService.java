package app.offramp.core.service;

import app.offramp.core.conversation.ConversationEngine;
import app.offramp.core.intent.Intent;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.learn.GuardFigures;
import app.offramp.core.learn.MissGroup;
import app.offramp.core.learn.MissGroups;
import app.offramp.core.learn.Taught;
import app.offramp.core.learn.Teacher;
import app.offramp.core.match.MatchExplanation;
import app.offramp.core.port.in.Review;
import app.offramp.core.port.out.MissLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The {@link Review} port: groups the questions the insights say the bot missed and not yet
 * reviewed ({@link MissGroups}), shows the largest, and hands a staff choice to the
 * {@link Teacher}. The group shown is kept here by a token until chosen, so the menu's custom id
 * stays short; a choice on a menu this process no longer knows is told so and shown the next group.
 */
public final class ReviewService implements Review {
  /** Questions read for one review at most: the newest, grouped in a second or two. */
  static final int MAX_QUESTIONS = 2_000;
  /** Questions shown of a group. */
  static final int SAMPLES = 3;
  /** Groups shown and not yet chosen, kept at most (the oldest forgotten first). */
  static final int PENDING = 200;

  private final MissLog misses;
  private final Teacher teacher;
  private final Supplier<ConversationEngine> engine;
  /** A group on a menu, and how many groups there were to review when it was shown. */
  private record Shown(MissGroup group, int groups) {}

  private final Map<String, Shown> pending = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Shown> eldest) {
      return size() > PENDING;
    }
  };

  public ReviewService(MissLog misses, Teacher teacher, Supplier<ConversationEngine> engine) {
    this.misses = misses;
    this.teacher = teacher;
    this.engine = engine;
  }

  @Override
  public View next(String language, UnaryOperator<String> quote) {
    return next(language, quote, "");
  }

  private View next(String language, UnaryOperator<String> quote, String before) {
    ConversationEngine current = engine.get();
    String why = switch (misses.availability()) {
      case OFF -> "review.off";
      case OPENING -> "review.opening";
      case NO_TEXT -> "review.no_text";
      case READY -> "";
    };
    if (!why.isEmpty()) {
      return new View(before + current.text(language, why), List.of(), Optional.empty());
    }
    List<MissGroup> groups;
    try {
      groups = MissGroups.of(misses.unreviewed(MAX_QUESTIONS).stream()
          .map(m -> new MissGroups.Asked(m.text(), m.member())).toList(), current.matcher()::vector);
    } catch (IllegalStateException e) {
      return new View(before + current.text(language, "review.unreadable", "reason", e.getMessage()), List.of(),
          Optional.empty());
    }
    if (groups.isEmpty()) {
      return new View(before + current.text(language, "review.nothing"), List.of(), Optional.empty());
    }
    return show(current, groups.get(0), groups.size(), language, quote, before);
  }

  private View show(ConversationEngine current, MissGroup group, int groups, String language,
      UnaryOperator<String> quote, String before) {
    String token = UUID.randomUUID().toString().substring(0, 8);
    synchronized (pending) {
      pending.put(token, new Shown(group, groups));
    }
    List<String> samples = group.distinct().stream().limit(SAMPLES).toList();
    StringBuilder quoted = new StringBuilder();
    for (String s : samples) {
      quoted.append(current.text(language, "review.sample", "text", quote.apply(s))).append('\n');
    }
    List<String> nearest = new ArrayList<>();
    for (MatchExplanation.Candidate c : current.matcher().explain(samples.get(0)).candidates()) {
      nearest.add(current.text(language, "review.nearest", "topic", title(current, language, c.intentId()),
          "percent", percent(c.probability())));
    }
    String text = before + current.text(language, "review.group", "groups", groups, "count", group.count(),
        "members", group.members(), "samples", quoted.toString().stripTrailing(), "nearest", String.join(", ", nearest));
    List<Option> options = new ArrayList<>();
    for (Intent intent : current.catalog().in(language).intents()) {
      options.add(new Option(intent.id(), intent.title()));
    }
    options.add(new Option(NONE, current.text(language, "review.option.none")));
    options.add(new Option(SKIP, current.text(language, "review.option.skip")));
    return new View(text, options, Optional.of(token));
  }

  @Override
  public View choose(String token, String choice, String staffId, String language, UnaryOperator<String> quote) {
    ConversationEngine current = engine.get();
    Shown shown;
    synchronized (pending) {
      shown = pending.remove(token);
    }
    if (shown == null) {
      return next(language, quote, current.text(language, "review.expired") + "\n\n");
    }
    MissGroup group = shown.group();
    if (choice.equals(SKIP)) {
      misses.reviewed(group.distinct(), SKIP, staffId);
      return next(language, quote, current.text(language, "review.skipped") + "\n\n");
    }
    boolean known = choice.equals(NONE) || current.catalog().intents().stream().anyMatch(i -> i.id().equals(choice));
    if (!known) {
      return next(language, quote, current.text(language, "review.expired") + "\n\n");
    }
    String intent = choice.equals(NONE) ? IntentCatalog.OUT_OF_SCOPE_ID : choice;
    Taught taught;
    try {
      taught = teacher.teach(group.distinct(), intent, misses.staffHash(staffId));
    } catch (Exception e) {
      return showAgain(current, shown, language, quote, current.text(language, "review.failed", "reason",
          e.getClass().getSimpleName()));
    }
    ConversationEngine now = engine.get();
    String topic = title(now, language, intent);
    switch (taught.kind()) {
      case LEARNED -> {
        misses.reviewed(group.distinct(), intent, staffId);
        List<String> answers = taught.answers().stream().limit(SAMPLES).map(a -> now.text(language,
            "review.answer", "text", quote.apply(a.text()), "topic", title(now, language, a.intent()),
            "percent", percent(a.confidence()))).toList();
        int id = taught.lesson().orElseThrow().id();
        String line = now.text(language, "review.learned", "added", taught.lesson().orElseThrow().examples().size(),
            "topic", topic, "id", id, "answers", String.join("; ", answers))
            + (taught.alreadyKnown() > 0 ? " " + now.text(language, "review.already", "count", taught.alreadyKnown()) : "");
        return next(language, quote, line + "\n\n");
      }
      case NOTHING_NEW -> {
        misses.reviewed(group.distinct(), intent, staffId);
        return next(language, quote, now.text(language, "review.nothing_new") + "\n\n");
      }
      case HARMFUL -> {
        GuardFigures f = taught.figures().orElseThrow();
        return showAgain(now, shown, language, quote, now.text(language, "review.harmful", "topic", topic,
            "labelled", figure(now, language, f.labelled()), "labelled_near", figure(now, language, f.labelledNear()),
            "refused", figure(now, language, f.refused()), "refused_near", figure(now, language, f.refusedNear()),
            "margin", percent(f.maxDrop()), "near_margin", percent(f.maxNearDrop())));
      }
      default -> {
        return showAgain(now, shown, language, quote, now.text(language, "review.invalid", "problem",
            taught.problems().isEmpty() ? "" : taught.problems().get(0)));
      }
    }
  }

  /** The same group again, after a line saying why the choice was not kept: staff may choose again. */
  private View showAgain(ConversationEngine current, Shown shown, String language, UnaryOperator<String> quote,
      String why) {
    return show(current, shown.group(), shown.groups(), language, quote, why + "\n\n");
  }

  private static String title(ConversationEngine engine, String language, String intentId) {
    if (intentId.equals(IntentCatalog.OUT_OF_SCOPE_ID)) {
      return engine.text(language, "review.option.none");
    }
    return engine.catalog().in(language).intents().stream().filter(i -> i.id().equals(intentId)).findFirst()
        .map(Intent::title).orElse(intentId);
  }

  private static String figure(ConversationEngine engine, String language, GuardFigures.Figure f) {
    return engine.text(language, "review.figure", "before", percent(f.before()), "after", percent(f.after()), "of", f.of());
  }

  /** A share as percent (or a margin as points), one decimal. */
  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f", share * 100);
  }

}
