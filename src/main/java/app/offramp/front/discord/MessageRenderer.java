package app.offramp.front.discord;

import app.offramp.core.conversation.Choice;
import app.offramp.core.conversation.Reply;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.buttons.ButtonStyle;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

/**
 * Turns an engine {@link Reply} into a Discord message: content within 2000 characters, choices as
 * buttons (5 a row, at most 5 rows), allowed mentions empty so nothing in it can ping anyone.
 */
final class MessageRenderer {
  private static final int MAX_BUTTONS = DiscordLimits.ROWS * DiscordLimits.BUTTONS_PER_ROW;

  private MessageRenderer() {}

  static MessageCreateData create(Reply reply, long ownerId) {
    return new MessageCreateBuilder().setContent(content(reply)).setComponents(rows(reply, ownerId))
        .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class)).build();
  }

  static MessageEditData edit(Reply reply, long ownerId) {
    return new MessageEditBuilder().setContent(content(reply)).setComponents(rows(reply, ownerId))
        .setAllowedMentions(EnumSet.noneOf(Message.MentionType.class)).build();
  }

  static String content(Reply reply) {
    return Texts.cut(reply.text(), DiscordLimits.MESSAGE);
  }

  static List<ActionRow> rows(Reply reply, long ownerId) {
    List<Button> buttons = new ArrayList<>();
    for (Choice choice : reply.choices()) {
      if (buttons.size() == MAX_BUTTONS) {
        break;
      }
      buttons.add(Button.of(style(choice.style()), CustomIds.encode(ownerId, choice.id()),
          Texts.cut(choice.label(), DiscordLimits.BUTTON_LABEL)));
    }
    List<ActionRow> rows = new ArrayList<>();
    for (int i = 0; i < buttons.size(); i += DiscordLimits.BUTTONS_PER_ROW) {
      rows.add(ActionRow.of(buttons.subList(i, Math.min(buttons.size(), i + DiscordLimits.BUTTONS_PER_ROW))));
    }
    return rows;
  }

  private static ButtonStyle style(Choice.Style style) {
    return switch (style) {
      case PRIMARY -> ButtonStyle.PRIMARY;
      case SUCCESS -> ButtonStyle.SUCCESS;
      case DANGER -> ButtonStyle.DANGER;
      default -> ButtonStyle.SECONDARY;
    };
  }
}
