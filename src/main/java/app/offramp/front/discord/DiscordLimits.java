package app.offramp.front.discord;

import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.Channel;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;

/**
 * Discord's limits, named once and taken from JDA where JDA names them, so no number is written
 * twice in the front. {@code DiscordLimitsTest} checks them against the core's {@code ReplyLimits},
 * which the loader checks intent content against.
 */
final class DiscordLimits {
  static final int MESSAGE = Message.MAX_CONTENT_LENGTH;
  static final int BUTTON_LABEL = Button.LABEL_MAX_LENGTH;
  static final int CUSTOM_ID = Button.ID_MAX_LENGTH;
  static final int THREAD_NAME = Channel.MAX_NAME_LENGTH;
  static final int ROWS = Message.MAX_COMPONENT_COUNT;
  /** Buttons in one action row: Discord's rule, which JDA checks but does not name. */
  static final int BUTTONS_PER_ROW = 5;
  static final int CHOICES = OptionData.MAX_CHOICES;
  static final int CHOICE_NAME = OptionData.MAX_CHOICE_NAME_LENGTH;
  static final int DESCRIPTION = OptionData.MAX_DESCRIPTION_LENGTH;
  /** A select menu's option label and its placeholder; at most {@link #CHOICES} options. */
  static final int SELECT_OPTION = net.dv8tion.jda.api.components.selections.SelectOption.LABEL_MAX_LENGTH;
  static final int SELECT_PLACEHOLDER = net.dv8tion.jda.api.components.selections.SelectMenu.PLACEHOLDER_MAX_LENGTH;

  private DiscordLimits() {}
}
