package app.offramp.front.discord;

import app.offramp.core.port.in.Conversations;
import app.offramp.core.port.in.Review;
import java.util.List;
import java.util.concurrent.Executor;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.selections.SelectOption;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.StringSelectInteractionEvent;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.utils.MarkdownSanitizer;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /offramp review} on Discord: an ephemeral message showing one group of missed questions
 * with a select menu (each topic, "not a support question", skip); a choice edits the message in
 * place with what came of it and the next group. Staff only (the staff role, Manage Threads or
 * Manage Server), checked on the command and again on every choice. The work (a database, a
 * refit) runs on the admin thread, never JDA's.
 */
final class ReviewDesk {
  private static final Logger LOG = LoggerFactory.getLogger(ReviewDesk.class);
  /** The select menu's custom id: this, then the group's token. */
  static final String PREFIX = "review:";
  /** How much of a member's question is shown: three fit in a message with room for the rest. */
  static final int QUOTE = 180;

  private final Review review;
  private final Conversations words;
  private final Tickets tickets;
  private final Executor admin;
  private final String language;

  ReviewDesk(Review review, Conversations words, Tickets tickets, Executor admin, String language) {
    this.review = review;
    this.words = words;
    this.tickets = tickets;
    this.admin = admin;
    this.language = language;
  }

  void start(SlashCommandInteractionEvent event) {
    if (refused(event, event.getMember())) {
      return;
    }
    event.deferReply(true).queue();
    showLater(event.getHook(), () -> review.next(language, ReviewDesk::quote));
  }

  /** Runs {@code work} on the admin thread and puts what it shows in the deferred reply. */
  private void showLater(net.dv8tion.jda.api.interactions.InteractionHook hook,
      java.util.function.Supplier<Review.View> work) {
    admin.execute(() -> {
      MessageEditData shown;
      try {
        shown = render(work.get());
      } catch (RuntimeException e) {
        LOG.error("/offramp review failed", e);
        shown = MessageEditData.fromContent(words.textIn(language, "review.failed", "reason", e.getClass().getSimpleName()));
      }
      hook.editOriginal(shown).queue();
    });
  }

  /** True when the select was a review's (handled here), false for any other menu. */
  boolean select(StringSelectInteractionEvent event) {
    if (!event.getComponentId().startsWith(PREFIX)) {
      return false;
    }
    if (refused(event, event.getMember())) {
      return true;
    }
    String token = event.getComponentId().substring(PREFIX.length());
    List<String> values = event.getValues();
    String choice = values.isEmpty() ? Review.SKIP : values.get(0);
    String staff = event.getUser().getId();
    event.deferEdit().queue();
    showLater(event.getHook(), () -> review.choose(token, choice, staff, language, ReviewDesk::quote));
    return true;
  }

  private boolean refused(IReplyCallback event, Member member) {
    boolean staff = tickets.isStaff(member, null) || member != null && member.hasPermission(Permission.MANAGE_SERVER);
    if (!staff) {
      event.reply(OfframpListener.plain(words.textIn(language, "review.refused"))).setEphemeral(true).queue();
    }
    return !staff;
  }

  /** The view as a message: its text within Discord's limit, and the menu when a group is shown. */
  MessageEditData render(Review.View view) {
    MessageEditBuilder out = new MessageEditBuilder().setContent(Texts.cut(view.text(), DiscordLimits.MESSAGE));
    if (view.token().isPresent() && !view.options().isEmpty()) {
      StringSelectMenu.Builder menu = StringSelectMenu.create(PREFIX + view.token().get())
          .setPlaceholder(Texts.cut(words.textIn(language, "review.placeholder"), DiscordLimits.SELECT_PLACEHOLDER));
      for (Review.Option o : view.options().subList(0, Math.min(view.options().size(), DiscordLimits.CHOICES))) {
        menu.addOptions(SelectOption.of(Texts.cut(o.label(), DiscordLimits.SELECT_OPTION), o.value()));
      }
      out.setComponents(ActionRow.of(menu.build()));
    } else {
      out.setComponents(List.of());
    }
    return out.build();
  }

  /** A member's question as staff see it: on one line, shortened, markdown escaped. */
  static String quote(String text) {
    return MarkdownSanitizer.escape(Texts.cut(text.replaceAll("\\s+", " ").strip(), QUOTE));
  }
}
