package app.offramp.adapter.insights;

import app.offramp.core.learn.MissGroup;
import app.offramp.core.learn.MissGroups;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What the recorded turns say, for the admin: how much is answered day by day, what members ask
 * that the bot cannot answer (grouped by meaning with the matcher's own sentence vectors, each
 * group with the intent it is nearest to), how far members get in each walk-through and where
 * they press "it didn't work", and which topics end with staff called in.
 */
public final class InsightsReport {
  private static final int MAX_TEXTS = 2_000;
  private static final int TOP_GROUPS = 15;

  public record Day(String day, long questions, long answered, double answeredRate) {}

  public record Group(long count, long members, List<String> examples, String suggestedIntent) {}

  public record Funnel(String intent, String platform, long started, Map<Integer, Long> membersAtStep, long finished,
      long stopped, Map<Integer, Long> didntWorkAtStep) {}

  /** Answers to "Did this help?" for one intent. */
  public record Helpfulness(String intent, long helped, long didNotHelp) {}

  public record Report(Instant since, Instant until, long turns, Map<String, Long> outcomes, Map<String, Long> places,
      List<Day> days,
      List<Group> unanswered, List<Funnel> walkThroughs, Map<String, Long> staffCallsByIntent,
      List<Helpfulness> helpfulness, Tickets tickets, List<Learned> learned) {
    /** This report with the lessons of learned.yaml, which live beside the intents, not in the database. */
    public Report withLearned(List<Learned> lessons) {
      return new Report(since, until, turns, outcomes, places, days, unanswered, walkThroughs, staffCallsByIntent,
          helpfulness, tickets, List.copyOf(lessons));
    }
  }

  /** A lesson staff taught with /offramp review: which intent, how many examples, when, by whom (a salted hash). */
  public record Learned(int id, String intent, int examples, String at, String by) {}

  /** A duration's median and 90th percentile over the tickets that have one, in seconds; 0 of them: null. */
  public record Spread(long tickets, Double medianSeconds, Double p90Seconds) {}

  /** The ratings of one topic's tickets. */
  public record Ratings(long count, double average, Map<Integer, Long> byStars) {}

  /**
   * Tickets opened in the period: where the member asked, how long until staff first wrote and
   * until the ticket closed, who closed it, and the ratings by topic ("none" for no topic).
   */
  public record Tickets(long opened, Map<String, Long> openedByPlace, long claimed, Spread firstResponse, Spread close,
      Map<String, Long> closedBy, Map<String, Ratings> ratingsByTopic) {}

  private InsightsReport() {}

  /**
   * @param encode the matcher's sentence vectors (unit length)
   * @param nearestIntent the intent a question is nearest to, understood or not
   */
  public static Report build(Connection db, Instant since, Instant until, Function<String, float[]> encode,
      Function<String, Optional<String>> nearestIntent) throws SQLException {
    long from = since.toEpochMilli();
    long to = until.toEpochMilli();
    Map<String, Long> outcomes = new TreeMap<>();
    query(db, "SELECT outcome, COUNT(*) FROM turns WHERE at_ms >= ? AND at_ms < ? GROUP BY outcome", from, to,
        r -> outcomes.put(r.getString(1), r.getLong(2)));
    Map<String, long[]> perDay = new TreeMap<>();
    query(db, "SELECT at_ms, outcome FROM turns WHERE at_ms >= ? AND at_ms < ? "
        + "AND outcome IN ('answered', 'ambiguous', 'unanswered')", from, to, r -> {
      String day = LocalDate.ofInstant(Instant.ofEpochMilli(r.getLong(1)), ZoneOffset.UTC).toString();
      long[] counts = perDay.computeIfAbsent(day, d -> new long[2]);
      counts[0]++;
      if (r.getString(2).equals("answered")) {
        counts[1]++;
      }
    });
    List<Day> days = new ArrayList<>();
    perDay.forEach((day, c) -> days.add(new Day(day, c[0], c[1], c[0] == 0 ? 0 : round((double) c[1] / c[0]))));
    Map<String, Long> places = new TreeMap<>();
    query(db, "SELECT place, COUNT(*) FROM turns WHERE at_ms >= ? AND at_ms < ? GROUP BY place", from, to,
        r -> places.put(r.getString(1), r.getLong(2)));
    long turns = outcomes.values().stream().mapToLong(Long::longValue).sum();
    return new Report(since, until, turns, outcomes, places, days, unanswered(db, from, to, encode, nearestIntent),
        funnels(db, from, to), staffCalls(db, from, to), helpfulness(db, from, to), tickets(db, from, to), List.of());
  }

  /** The tickets opened in the period, and what happened to them (even after it ended). */
  private static Tickets tickets(Connection db, long from, long to) throws SQLException {
    Map<String, String> topicOf = new java.util.HashMap<>();
    Map<String, Long> byPlace = new TreeMap<>();
    query(db, "SELECT ticket, place, topic FROM ticket_events WHERE at_ms >= ? AND at_ms < ? AND event = 'opened'",
        from, to, r -> {
          topicOf.put(r.getString(1), Optional.ofNullable(r.getString(3)).orElse("none"));
          byPlace.merge(r.getString(2), 1L, Long::sum);
        });
    List<Double> firstResponse = new ArrayList<>();
    List<Double> close = new ArrayList<>();
    Map<String, Long> closedBy = new TreeMap<>();
    Map<String, List<Integer>> ratings = new TreeMap<>();
    long[] claimed = {0};
    query(db, "SELECT ticket, event, seconds, rating, closed_by FROM ticket_events WHERE at_ms >= ? AND at_ms < ? "
        + "AND event <> 'opened' ORDER BY at_ms", from, Long.MAX_VALUE, r -> {
          String topic = topicOf.get(r.getString(1));
          if (topic == null) {
            return; // opened before the period
          }
          double seconds = r.getDouble(3);
          boolean timed = !r.wasNull();
          switch (r.getString(2)) {
            case "first_response" -> {
              if (timed) {
                firstResponse.add(seconds);
              }
            }
            case "claimed" -> claimed[0]++;
            case "closed" -> {
              if (timed) {
                close.add(seconds);
              }
              closedBy.merge(Optional.ofNullable(r.getString(5)).orElse("unknown"), 1L, Long::sum);
            }
            case "rated" -> {
              int stars = r.getInt(4);
              if (!r.wasNull()) {
                ratings.computeIfAbsent(topic, k -> new ArrayList<>()).add(stars);
              }
            }
            default -> { }
          }
        });
    Map<String, Ratings> byTopic = new TreeMap<>();
    ratings.forEach((topic, stars) -> {
      Map<Integer, Long> counts = new TreeMap<>();
      stars.forEach(n -> counts.merge(n, 1L, Long::sum));
      byTopic.put(topic, new Ratings(stars.size(), round(stars.stream().mapToInt(Integer::intValue).average().orElse(0)),
          counts));
    });
    return new Tickets(topicOf.size(), byPlace, claimed[0], spread(firstResponse), spread(close), closedBy, byTopic);
  }

  /** Median and 90th percentile (nearest rank) of {@code seconds}. */
  static Spread spread(List<Double> seconds) {
    if (seconds.isEmpty()) {
      return new Spread(0, null, null);
    }
    List<Double> sorted = seconds.stream().sorted().toList();
    return new Spread(sorted.size(), round(rank(sorted, 0.5)), round(rank(sorted, 0.9)));
  }

  private static double rank(List<Double> sorted, double q) {
    int i = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  private static List<Helpfulness> helpfulness(Connection db, long from, long to) throws SQLException {
    Map<String, long[]> votes = new TreeMap<>();
    query(db, "SELECT intent, milestone, COUNT(*) FROM turns WHERE at_ms >= ? "
        + "AND at_ms < ? AND milestone IN ('helpful', 'not_helpful') AND intent IS NOT NULL GROUP BY intent, milestone", from, to, r -> {
      votes.computeIfAbsent(r.getString(1), k -> new long[2])[r.getString(2).equals("helpful") ? 0 : 1] += r.getLong(3);
    });
    List<Helpfulness> out = new ArrayList<>();
    votes.forEach((intent, v) -> out.add(new Helpfulness(intent, v[0], v[1])));
    return out;
  }

  private static List<Group> unanswered(Connection db, long from, long to, Function<String, float[]> encode,
      Function<String, Optional<String>> nearestIntent) throws SQLException {
    List<MissGroups.Asked> asked = new ArrayList<>();
    query(db, "SELECT text, member FROM turns WHERE at_ms >= ? AND at_ms < ? "
        + "AND outcome = 'unanswered' AND text IS NOT NULL ORDER BY at_ms DESC LIMIT " + MAX_TEXTS, from, to,
        r -> asked.add(new MissGroups.Asked(r.getString(1), r.getString(2))));
    List<Group> groups = new ArrayList<>();
    for (MissGroup g : MissGroups.of(asked, encode).stream().limit(TOP_GROUPS).toList()) {
      List<String> distinct = g.distinct().stream().limit(5).toList();
      groups.add(new Group(g.count(), g.members(), distinct, nearestIntent.apply(distinct.get(0)).orElse("none")));
    }
    return groups;
  }

  private static List<Funnel> funnels(Connection db, long from, long to) throws SQLException {
    Map<String, Funnel> out = new LinkedHashMap<>();
    Map<String, Map<Integer, Set<String>>> atStep = new TreeMap<>();
    Map<String, long[]> milestones = new TreeMap<>();
    Map<String, Map<Integer, Long>> didnt = new TreeMap<>();
    query(db, "SELECT intent, slot, step, milestone, member FROM turns "
        + "WHERE at_ms >= ? AND at_ms < ? AND intent IS NOT NULL AND (step IS NOT NULL OR milestone IS NOT NULL)", from, to, r -> {
      String key = r.getString(1) + "\u0000" + Optional.ofNullable(r.getString(2)).orElse("");
      int step = r.getInt(3);
      boolean hasStep = !r.wasNull();
      String milestone = r.getString(4);
      if (hasStep) {
        atStep.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(step, s -> new HashSet<>()).add(r.getString(5));
      }
      long[] m = milestones.computeIfAbsent(key, k -> new long[3]);
      if ("started".equals(milestone)) {
        m[0]++;
      } else if ("finished".equals(milestone)) {
        m[1]++;
      } else if ("stopped".equals(milestone)) {
        m[2]++;
      } else if ("didnt_work".equals(milestone) && hasStep) {
        didnt.computeIfAbsent(key, k -> new TreeMap<>()).merge(step, 1L, Long::sum);
      }
    });
    for (String key : milestones.keySet()) {
      String[] parts = key.split("\u0000", -1);
      Map<Integer, Long> reached = new TreeMap<>();
      atStep.getOrDefault(key, Map.of()).forEach((step, who) -> reached.put(step, (long) who.size()));
      if (reached.size() < 2 && milestones.get(key)[0] == 0) {
        continue; // a one-step answer, not a walk-through
      }
      long[] m = milestones.get(key);
      out.put(key, new Funnel(parts[0], parts[1], m[0], reached, m[1], m[2], didnt.getOrDefault(key, Map.of())));
    }
    return List.copyOf(out.values());
  }

  private static Map<String, Long> staffCalls(Connection db, long from, long to) throws SQLException {
    Map<String, Long> out = new TreeMap<>();
    query(db, "SELECT COALESCE(intent, 'none'), COUNT(*) FROM turns "
        + "WHERE at_ms >= ? AND at_ms < ? AND staff = 1 GROUP BY COALESCE(intent, 'none')", from, to, r -> {
      out.put(r.getString(1), r.getLong(2));
    });
    return out;
  }

  /** A row of a query's result; may throw as JDBC does. */
  private interface RowReader {
    void read(ResultSet row) throws SQLException;
  }

  /** Runs {@code sql} with the period's bounds as its two parameters, handing each row to {@code each}. */
  private static void query(Connection db, String sql, long from, long to, RowReader each) throws SQLException {
    try (PreparedStatement q = db.prepareStatement(sql)) {
      q.setLong(1, from);
      q.setLong(2, to);
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          each.read(r);
        }
      }
    }
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  // ---- renderings ----

  public static String json(Report report) {
    try {
      return new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .writerWithDefaultPrettyPrinter().writeValueAsString(ordered(report));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JSON's fields in reading order. */
  private static Map<String, Object> ordered(Report report) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("since", report.since().toString());
    m.put("until", report.until().toString());
    m.put("turns", report.turns());
    m.put("outcomes", report.outcomes());
    m.put("places", report.places());
    m.put("answeredRateByDay", report.days());
    m.put("unanswered", report.unanswered());
    m.put("walkThroughs", report.walkThroughs());
    m.put("helpfulness", report.helpfulness());
    m.put("staffCallsByIntent", report.staffCallsByIntent());
    m.put("tickets", report.tickets());
    m.put("learned", report.learned());
    return m;
  }

  public static String text(Report report) {
    StringBuilder out = new StringBuilder();
    out.append("Insights from ").append(report.since()).append(" to ").append(report.until()).append(": ")
        .append(report.turns()).append(" turns\n");
    out.append("\nOutcomes: ").append(report.outcomes().isEmpty() ? "none recorded" : report.outcomes()).append('\n');
    out.append("Where: ").append(report.places().isEmpty() ? "nowhere yet" : report.places()).append('\n');
    out.append("\nAnswered rate by day (answered / questions):\n");
    if (report.days().isEmpty()) {
      out.append("  no questions in this period\n");
    }
    for (Day d : report.days()) {
      out.append(String.format(Locale.ROOT, "  %s  %5.1f %%  (%d of %d)%n", d.day(), d.answeredRate() * 100, d.answered(),
          d.questions()));
    }
    out.append("\nTop unanswered questions (grouped by meaning):\n");
    if (report.unanswered().isEmpty()) {
      out.append("  none with text (text is kept only while insights.store-text=true, for insights.retention)\n");
    }
    for (Group g : report.unanswered()) {
      out.append(String.format(Locale.ROOT, "  %3d× (%d members), nearest intent %s: %s%n", g.count(), g.members(),
          g.suggestedIntent(), String.join(" | ", g.examples().stream().map(InsightsReport::printable).toList())));
    }
    out.append("\nLearned with /offramp review (learned.yaml; undo with offramp learned --undo ID):\n");
    if (report.learned().isEmpty()) {
      out.append("  nothing yet\n");
    }
    for (Learned l : report.learned()) {
      out.append(String.format(Locale.ROOT, "  lesson %d: %d example(s) of %s, %s by %s%n", l.id(), l.examples(),
          l.intent(), l.at(), l.by()));
    }
    out.append("\nWalk-throughs (members reaching each step):\n");
    if (report.walkThroughs().isEmpty()) {
      out.append("  none started in this period\n");
    }
    for (Funnel f : report.walkThroughs()) {
      out.append(String.format(Locale.ROOT, "  %s%s: started %d, steps %s, finished %d, stopped %d, \"it didn't work\" at %s%n",
          f.intent(), f.platform().isEmpty() ? "" : " (" + f.platform() + ")", f.started(), f.membersAtStep(), f.finished(),
          f.stopped(), f.didntWorkAtStep().isEmpty() ? "none" : f.didntWorkAtStep()));
    }
    out.append("\n\"Did this help?\" by intent (yes / no):");
    if (report.helpfulness().isEmpty()) {
      out.append(" no answers yet");
    }
    for (Helpfulness h : report.helpfulness()) {
      out.append(String.format(Locale.ROOT, "%n  %s  %d / %d", h.intent(), h.helped(), h.didNotHelp()));
    }
    out.append('\n');
    out.append("\nStaff called, by intent: ").append(report.staffCallsByIntent().isEmpty() ? "never"
        : report.staffCallsByIntent()).append('\n');
    Tickets t = report.tickets();
    out.append("\nTickets: ").append(t.opened()).append(" opened");
    if (t.opened() > 0) {
      out.append(" (by place ").append(t.openedByPlace()).append("), ").append(t.claimed()).append(" claimed\n");
      out.append("  time to first staff response: ").append(spreadText(t.firstResponse())).append('\n');
      out.append("  time to close: ").append(spreadText(t.close())).append(", closed by ").append(t.closedBy()).append('\n');
      out.append("  ratings by topic: ");
      if (t.ratingsByTopic().isEmpty()) {
        out.append("none yet");
      }
      t.ratingsByTopic().forEach((topic, r) -> out.append(String.format(Locale.ROOT, "%n    %s  %.1f of 5 (%d ratings %s)",
          topic, r.average(), r.count(), r.byStars())));
    }
    out.append('\n');
    return out.toString();
  }

  private static String spreadText(Spread s) {
    return s.tickets() == 0 ? "no tickets yet" : String.format(Locale.ROOT, "median %s, p90 %s (%d tickets)",
        seconds(s.medianSeconds()), seconds(s.p90Seconds()), s.tickets());
  }

  private static String seconds(double s) {
    return s < 120 ? String.format(Locale.ROOT, "%.0f s", s) : s < 7200 ? String.format(Locale.ROOT, "%.1f min", s / 60)
        : String.format(Locale.ROOT, "%.1f h", s / 3600);
  }

  /**
   * For each group of unanswered questions, {@code examples:} lines to review and paste into the
   * suggested intent's file (or a new one). Nothing is written to the intent files.
   */
  public static String suggestions(Report report) {
    StringBuilder out = new StringBuilder("# Suggested examples from unanswered questions. Review before pasting:\n"
        + "# each group goes under the intent named (or a new intent), in intents/<id>.yaml.\n");
    if (report.unanswered().isEmpty()) {
      out.append("# (no unanswered questions with text in this period)\n");
    }
    for (Group g : report.unanswered()) {
      out.append("\n# ").append(g.count()).append(" asked by ").append(g.members()).append(" members; nearest intent: ")
          .append(g.suggestedIntent()).append(" (intents/").append(g.suggestedIntent()).append(".yaml)\nexamples:\n");
      for (String e : g.examples()) {
        out.append("  - ").append(yamlString(e)).append('\n');
      }
    }
    return out.toString();
  }

  /**
   * A member's text for a terminal: controls (escape sequences that clear the screen or set the
   * window title, newlines that would forge report rows) shown as \\uXXXX, never sent raw
   * (regression, issue 23).
   */
  static String printable(String text) {
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints().forEach(c -> {
      if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || c == 0xfffe || c == 0xffff
          || Character.getType(c) == Character.SURROGATE || c == 0x202e || c == 0x202d) {
        b.append(String.format("\\u%04x", c));
      } else {
        b.appendCodePoint(c);
      }
    });
    return b.toString();
  }

  /** A YAML double-quoted scalar: safe for any text a member typed. */
  static String yamlString(String text) {
    return app.offramp.core.intent.LearnedExamples.quoted(text);
  }
}
