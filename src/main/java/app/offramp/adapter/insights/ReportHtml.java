package app.offramp.adapter.insights;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained HTML file: inline CSS and SVG charts (answered rate by day,
 * each walk-through's funnel), no scripts, fonts or anything fetched. Every member-typed string is
 * HTML-escaped.
 */
public final class ReportHtml {
  static final String BAR = "#2f6fdb";
  static final String DROP = "#d9534f";

  private ReportHtml() {}

  public static String render(InsightsReport.Report r) {
    StringBuilder h = new StringBuilder();
    h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Offramp insights</title><style>")
        .append("body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222;max-width:60em}")
        .append("h1{font-size:1.4em}h2{font-size:1.1em;margin-top:2em}table{border-collapse:collapse}")
        .append("td,th{padding:.2em .6em;border-bottom:1px solid #ddd;text-align:left}svg{display:block;margin:.5em 0}")
        .append("</style></head><body>");
    h.append("<h1>Offramp insights</h1><p>").append(esc(r.since().toString())).append(" to ").append(esc(r.until().toString()))
        .append(": ").append(r.turns()).append(" turns.</p>");
    h.append("<h2>Answered rate by day</h2>");
    h.append(r.days().isEmpty() ? "<p>No questions in this period.</p>" : answeredChart(r.days()));
    h.append("<h2>Top unanswered questions</h2>");
    if (r.unanswered().isEmpty()) {
      h.append("<p>None with text in this period.</p>");
    } else {
      h.append("<table><tr><th>times</th><th>members</th><th>nearest intent</th><th>examples</th></tr>");
      for (InsightsReport.Group g : r.unanswered()) {
        h.append("<tr><td>").append(g.count()).append("</td><td>").append(g.members()).append("</td><td>")
            .append(esc(g.suggestedIntent())).append("</td><td>").append(esc(String.join(" | ", g.examples())))
            .append("</td></tr>");
      }
      h.append("</table>");
    }
    h.append("<h2>Learned with /offramp review</h2>");
    if (r.learned().isEmpty()) {
      h.append("<p>Nothing yet.</p>");
    } else {
      h.append("<table><tr><th>lesson</th><th>intent</th><th>examples</th><th>when</th><th>by (hash)</th></tr>");
      for (InsightsReport.Learned l : r.learned()) {
        h.append("<tr><td>").append(l.id()).append("</td><td>").append(esc(l.intent())).append("</td><td>")
            .append(l.examples()).append("</td><td>").append(esc(l.at())).append("</td><td>").append(esc(l.by()))
            .append("</td></tr>");
      }
      h.append("</table>");
    }
    h.append("<h2>Walk-throughs</h2>");
    if (r.walkThroughs().isEmpty()) {
      h.append("<p>None started in this period.</p>");
    }
    for (InsightsReport.Funnel f : r.walkThroughs()) {
      h.append("<h3>").append(esc(f.intent())).append(f.platform().isEmpty() ? "" : " (" + esc(f.platform()) + ")")
          .append("</h3><p>started ").append(f.started()).append(", finished ").append(f.finished()).append(", stopped ")
          .append(f.stopped()).append("</p>").append(funnelChart(f));
    }
    h.append("<h2>Did this help?</h2>");
    h.append(r.helpfulness().isEmpty() ? "<p>No answers yet.</p>" : votesChart(r.helpfulness()));
    h.append("<h2>Staff called, by intent</h2>");
    h.append(r.staffCallsByIntent().isEmpty() ? "<p>Never.</p>" : table(r.staffCallsByIntent()));
    h.append("<h2>Tickets</h2>");
    InsightsReport.Tickets t = r.tickets();
    if (t.opened() == 0) {
      h.append("<p>None opened in this period.</p>");
    } else {
      h.append("<p>").append(t.opened()).append(" opened, ").append(t.claimed()).append(" claimed.</p>");
      h.append("<table><tr><th></th><th>median</th><th>p90</th><th>tickets</th></tr>")
          .append(spreadRow("first staff response (s)", t.firstResponse()))
          .append(spreadRow("close (s)", t.close())).append("</table>");
      h.append("<h3>By place</h3>").append(table(t.openedByPlace()));
      h.append("<h3>Closed by</h3>").append(table(t.closedBy()));
      h.append("<h3>Ratings by topic</h3><table><tr><th>topic</th><th>average</th><th>ratings</th></tr>");
      t.ratingsByTopic().forEach((topic, rating) -> h.append("<tr><td>").append(esc(topic)).append("</td><td>")
          .append(rating.average()).append("</td><td>").append(rating.count()).append("</td></tr>"));
      h.append("</table>");
    }
    return h.append("</body></html>\n").toString();
  }

  private static String answeredChart(List<InsightsReport.Day> days) {
    int w = 40;
    int height = 160;
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "<svg class=\"chart answered\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" "
            + "aria-label=\"answered rate by day\">", days.size() * w + 20, height + 40));
    for (int i = 0; i < days.size(); i++) {
      InsightsReport.Day d = days.get(i);
      int bar = (int) Math.round(d.answeredRate() * height);
      s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s: %.0f%% "
          + "(%d of %d)</title></rect>", 10 + i * w, height - bar + 5, w - 8, Math.max(bar, 1), BAR, esc(d.day()),
          d.answeredRate() * 100, d.answered(), d.questions()));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>", 10 + i * w, height + 20,
          esc(d.day().substring(5))));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%.0f%%</text>", 12 + i * w,
          Math.max(12, height - bar), d.answeredRate() * 100));
    }
    return s.append("</svg>").toString();
  }

  private static String funnelChart(InsightsReport.Funnel f) {
    long max = f.membersAtStep().values().stream().mapToLong(Long::longValue).max().orElse(1);
    int rowH = 22;
    int width = 400;
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "<svg class=\"chart funnel\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" "
            + "aria-label=\"members reaching each step\">", width + 260, f.membersAtStep().size() * rowH + 10));
    int row = 0;
    for (Map.Entry<Integer, Long> e : f.membersAtStep().entrySet()) {
      int bar = (int) Math.max(1, Math.round((double) e.getValue() / max * width));
      long didnt = f.didntWorkAtStep().getOrDefault(e.getKey(), 0L);
      s.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"11\">step %d</text>", row * rowH + 16, e.getKey()));
      s.append(String.format(Locale.ROOT, "<rect x=\"60\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"%s\"><title>%d members"
          + "</title></rect>", row * rowH + 4, bar, BAR, e.getValue()));
      if (didnt > 0) {
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"8\" height=\"16\" fill=\"%s\"><title>"
            + "it didn't work: %d</title></rect>", 64 + bar, row * rowH + 4, DROP, didnt));
      }
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%d%s</text>", 80 + bar, row * rowH + 16,
          e.getValue(), didnt > 0 ? " (" + didnt + " didn't work)" : ""));
      row++;
    }
    return s.append("</svg>").toString();
  }

  private static String votesChart(List<InsightsReport.Helpfulness> votes) {
    long max = votes.stream().mapToLong(v -> v.helped() + v.didNotHelp()).max().orElse(1);
    int rowH = 22;
    int width = 300;
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "<svg class=\"chart votes\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" "
            + "aria-label=\"did this help, by intent\">", width + 300, votes.size() * rowH + 10));
    int row = 0;
    for (InsightsReport.Helpfulness v : votes) {
      int yes = (int) Math.round((double) v.helped() / max * width);
      int no = (int) Math.round((double) v.didNotHelp() / max * width);
      s.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" font-size=\"11\">%s</text>", row * rowH + 16,
          esc(v.intent())));
      s.append(String.format(Locale.ROOT, "<rect x=\"140\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"%s\"><title>"
          + "yes: %d</title></rect>", row * rowH + 4, yes, BAR, v.helped()));
      s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"%s\"><title>"
          + "no: %d</title></rect>", 140 + yes, row * rowH + 4, no, DROP, v.didNotHelp()));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%d yes, %d no</text>",
          150 + yes + no, row * rowH + 16, v.helped(), v.didNotHelp()));
      row++;
    }
    return s.append("</svg>").toString();
  }

  private static String spreadRow(String what, InsightsReport.Spread s) {
    return "<tr><td>" + esc(what) + "</td><td>" + (s.medianSeconds() == null ? "–" : s.medianSeconds()) + "</td><td>"
        + (s.p90Seconds() == null ? "–" : s.p90Seconds()) + "</td><td>" + s.tickets() + "</td></tr>";
  }

  private static String table(Map<String, Long> counts) {
    StringBuilder t = new StringBuilder("<table>");
    counts.forEach((k, v) -> t.append("<tr><td>").append(esc(k)).append("</td><td>").append(v).append("</td></tr>"));
    return t.append("</table>").toString();
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }
}
