package app.offramp.front.discord;

import app.offramp.core.conversation.Handoff;
import app.offramp.core.conversation.Reply;
import app.offramp.core.port.in.Conversations;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.MarkdownSanitizer;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

/**
 * The card staff get with a staff call: one embed with the member, the topic, the platform, the
 * step reached, the step "It didn't work" was pressed on, the language, when the conversation
 * started and the member's own messages (quoted, escaped: a member's text never formats or pings),
 * with Claim and Close for a ticket. The one message that may ping: the staff role, and only it.
 */
final class TicketCard {
  static final String CLAIM = "t:claim:";
  static final String CLOSE = "t:close:";
  static final String RATE = "t:rate:";
  static final String RATING_MODAL = "t:rating:";
  /** Discord's limits for an embed field and its title. */
  static final int FIELD_VALUE = 1024;
  static final int TITLE = 256;
  /** One quoted message at most this long on the card; the thread has them whole. */
  private static final int QUOTE = 300;

  private TicketCard() {}

  /** What the card says, gathered before it is drawn. */
  record Facts(long memberId, String memberName, Handoff handoff, boolean fromDm, List<String> memberMessages,
      Optional<String> language) {}

  /**
   * The card: content with the role's ping when {@code ping} (else the role named without one, or a
   * plain line), the embed, and Claim / Close when it belongs to a ticket ({@code threadId} non-zero).
   */
  static MessageCreateData create(Conversations words, Facts facts, Optional<Long> staffRoleId, boolean ping,
      long threadId) {
    return create(words, "en", facts, staffRoleId, ping, threadId);
  }

  /** The card in {@code language} (the server's, {@code discord.locale}: staff and the member share it). */
  static MessageCreateData create(Conversations words, String language, Facts facts, Optional<Long> staffRoleId,
      boolean ping, long threadId) {
    String member = "<@" + Long.toUnsignedString(facts.memberId()) + ">";
    MessageCreateBuilder builder = new MessageCreateBuilder().setAllowedMentions(EnumSet.noneOf(Message.MentionType.class));
    if (staffRoleId.isPresent()) {
      String role = Long.toUnsignedString(staffRoleId.get());
      builder.setContent(words.textIn(language, "ticket.ping", "role", "<@&" + role + ">", "member", member));
      if (ping) {
        builder.mentionRoles(role);
      }
    } else {
      builder.setContent(words.textIn(language, "ticket.no_role_ping", "member", member));
    }
    builder.setEmbeds(embed(words, language, facts));
    if (threadId != 0) {
      String id = Long.toUnsignedString(threadId);
      builder.setComponents(ActionRow.of(
          Button.primary(CLAIM + id, Texts.cut(words.textIn(language, "ticket.button.claim"), DiscordLimits.BUTTON_LABEL)),
          Button.danger(CLOSE + id, Texts.cut(words.textIn(language, "ticket.button.close"), DiscordLimits.BUTTON_LABEL))));
    }
    return builder.build();
  }

  static MessageEmbed embed(Conversations words, String language, Facts facts) {
    Handoff h = facts.handoff();
    String none = words.textIn(language, "ticket.card.none");
    String topic = h.topic().isEmpty() ? words.textIn(language, "ticket.card.no_topic") : h.topic();
    EmbedBuilder embed = new EmbedBuilder().setTitle(Texts.cut(words.textIn(language, "ticket.card.title", "topic", topic), TITLE))
        .setColor(0x5865F2);
    field(embed, words.textIn(language, "ticket.card.member"), "<@" + Long.toUnsignedString(facts.memberId()) + "> ("
        + MarkdownSanitizer.escape(facts.memberName()) + ")", true);
    field(embed, words.textIn(language, "ticket.card.place"), words.textIn(language, facts.fromDm() ? "ticket.place.dm" : "ticket.place.thread"),
        true);
    field(embed, words.textIn(language, "ticket.card.topic"), h.topic().isEmpty() ? none : h.topic(), true);
    field(embed, words.textIn(language, "ticket.card.platform"), h.platform().isEmpty() ? none : h.platform(), true);
    field(embed, words.textIn(language, "ticket.card.step"), step(words, language, h.stepReached(), none), true);
    field(embed, words.textIn(language, "ticket.card.trouble"), step(words, language, h.troubleStep(), none), true);
    field(embed, words.textIn(language, "ticket.card.language"), facts.language().map(TicketCard::languageName).orElse(none), true);
    // Discord shows a timestamp in each reader's own time zone, and as "5 minutes ago".
    field(embed, words.textIn(language, "ticket.card.started"),
        h.startedAt() > 0 ? "<t:" + h.startedAt() / 1000 + ":R>" : none, true);
    field(embed, words.textIn(language, "ticket.card.messages"), quotes(facts.memberMessages(), none), false);
    return embed.build();
  }

  private static String step(Conversations words, String language, Optional<Reply.Progress> step, String none) {
    return step.map(p -> words.textIn(language, "ticket.card.step_value", "step", p.step(), "total", p.total()))
        .orElse(none);
  }

  private static void field(EmbedBuilder embed, String name, String value, boolean inline) {
    embed.addField(Texts.cut(name, TITLE), Texts.cut(value, FIELD_VALUE), inline);
  }

  /** The member's messages, newest kept when they do not all fit, each quoted and escaped. */
  static String quotes(List<String> messages, String none) {
    List<String> lines = new ArrayList<>();
    int length = 0;
    for (int i = messages.size() - 1; i >= 0; i--) {
      String text = messages.get(i).strip().replaceAll("\\s+", " ");
      if (text.isEmpty()) {
        continue;
      }
      String line = "> " + MarkdownSanitizer.escape(Texts.cut(text, QUOTE));
      if (length + line.length() + 1 > FIELD_VALUE) {
        break;
      }
      lines.add(0, line);
      length += line.length() + 1;
    }
    return lines.isEmpty() ? none : String.join("\n", lines);
  }

  /** "Spanish (es)": the code is what the bot guessed; the name is the JDK's. */
  static String languageName(String code) {
    String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.ENGLISH);
    return name.isEmpty() || name.equals(code) ? code : name + " (" + code + ")";
  }
}
