package app.offramp.front.console;

import app.offramp.core.conversation.Choice;
import app.offramp.core.conversation.ConversationKey;
import app.offramp.core.port.in.Conversations;
import app.offramp.core.conversation.Input;
import app.offramp.core.conversation.Reply;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Reads a line, prints the reply with its choices as a numbered list. A number or a label picks a
 * choice (the engine resolves both); {@code /reset}, {@code /help} and {@code /quit} are the
 * console's own. When input is piped, each line is echoed so the output reads as a transcript.
 */
public final class ConsoleFront {
  private static final ConversationKey KEY = new ConversationKey("console", "console", ConversationKey.Where.CONSOLE);

  private final Conversations service;
  private final BufferedReader in;
  private final PrintWriter out;
  private final boolean debug;
  private final boolean echo;

  /** The language to answer in while the member's words do not say theirs ({@code offramp chat --lang}). */
  private final java.util.Optional<String> language;

  public ConsoleFront(Conversations service, BufferedReader in, PrintWriter out, boolean debug, boolean echo) {
    this(service, in, out, debug, echo, "en");
  }

  public ConsoleFront(Conversations service, BufferedReader in, PrintWriter out, boolean debug, boolean echo,
      String language) {
    this.language = java.util.Optional.of(language);
    this.service = service;
    this.in = in;
    this.out = out;
    this.debug = debug;
    this.echo = echo;
  }

  /** Runs until /quit or the end of input. */
  public void run() throws IOException {
    out.println(service.textIn(language.get(), "console.banner"));
    prompt();
    String line;
    while ((line = in.readLine()) != null) {
      if (echo) {
        out.println("> " + line);
      }
      String command = line.strip().toLowerCase(Locale.ROOT);
      if (command.equals("/quit") || command.equals("/exit")) {
        out.println(service.textIn(language.get(), "console.bye"));
        out.flush();
        return;
      }
      if (command.equals("/reset")) {
        service.reset(KEY);
        out.println(service.textIn(language.get(), "console.reset"));
      } else if (command.equals("/help")) {
        out.println(service.textIn(language.get(), "console.help"));
        print(service.handle(KEY, new Input.Command("help", java.util.Map.of()), language));
      } else {
        print(service.handle(KEY, new Input.Text(line), language));
      }
      prompt();
      if (out.checkError()) {
        return; // the reader went away (a closed pipe): nobody is listening, so stop
      }
    }
    out.flush();
  }

  private void prompt() {
    if (!echo) {
      out.print("> ");
    }
    out.flush();
  }

  void print(Reply reply) {
    if (reply.kind() == Reply.Kind.LEFT_TO_STAFF) {
      // On Discord the bot stays silent here; a console has no staff, so it says why it is quiet.
      out.println("  " + service.textIn(language.get(), "console.left_to_staff"));
      out.println();
      out.flush();
      return;
    }
    out.println(reply.text());
    List<Choice> choices = reply.choices();
    for (int i = 0; i < choices.size(); i++) {
      out.println("  " + (i + 1) + ". " + choices.get(i).label());
    }
    if (reply.callStaff()) {
      out.println("  [staff notified]");
    }
    if (debug) {
      out.println(String.format(Locale.ROOT, "  [debug] intent=%s confidence=%.3f kind=%s",
          reply.intentId().orElse("none"), reply.confidence(), reply.kind()));
    }
    out.println();
    out.flush();
  }
}
