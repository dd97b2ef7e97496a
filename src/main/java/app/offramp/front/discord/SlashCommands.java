package app.offramp.front.discord;

import app.offramp.core.intent.Intent;
import app.offramp.core.intent.IntentCatalog;
import app.offramp.core.intent.IntentTexts;
import app.offramp.core.intent.ReplyLimits;
import app.offramp.core.intent.Slot;
import app.offramp.core.intent.SlotValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.interactions.commands.DefaultMemberPermissions;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Slash commands generated from the intents, plus /ask and the staff-only /offramp reload. */
final class SlashCommands {
  static final String ASK = "ask";
  static final String ADMIN = "offramp";
  static final String RELOAD = "reload";

  private static final Logger LOG = LoggerFactory.getLogger(SlashCommands.class);

  private SlashCommands() {}

  static List<CommandData> build(IntentCatalog catalog) {
    List<CommandData> commands = new ArrayList<>();
    for (Intent intent : catalog.intents()) {
      if (intent.command().isEmpty()) {
        continue;
      }
      SlashCommandData command = Commands.slash(intent.command().get().name(),
          IntentTexts.truncate(intent.command().get().description(), ReplyLimits.COMMAND_DESCRIPTION));
      intent.slot().ifPresent(slot -> command.addOptions(slotOption(slot)));
      commands.add(command);
    }
    commands.add(Commands.slash(ASK, "Ask Offramp a question in your own words")
        .addOption(OptionType.STRING, "question", "Your question", true));
    commands.add(Commands.slash(ADMIN, "Offramp administration")
        .addSubcommands(new SubcommandData(RELOAD, "Reload the intent files (staff only)"))
        .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER)));
    return commands;
  }

  /**
   * Registers the commands with one PUT: to the configured guild (instant) or globally. Called at
   * start-up and after a reload, so commands follow the intent files.
   */
  static void register(JDA jda, Optional<Long> guildId, IntentCatalog catalog) {
    List<CommandData> commands = build(catalog);
    Guild guild = guildId.map(jda::getGuildById).orElse(null);
    if (guildId.isPresent() && guild == null) {
      LOG.warn("discord.guild-id {} is not a guild the bot is in; registering global commands instead", guildId.get());
    }
    if (guild != null) {
      guild.updateCommands().addCommands(commands).queue();
    } else {
      jda.updateCommands().addCommands(commands).queue();
    }
  }

  static Optional<Intent> intentFor(IntentCatalog catalog, String commandName) {
    return catalog.intents().stream()
        .filter(i -> i.command().map(c -> c.name().equals(commandName)).orElse(false)).findFirst();
  }

  private static OptionData slotOption(Slot slot) {
    OptionData option = new OptionData(OptionType.STRING, slot.name(),
        IntentTexts.truncate(slot.description(), ReplyLimits.COMMAND_DESCRIPTION), false);
    for (SlotValue value : slot.values().subList(0, Math.min(ReplyLimits.CHOICES, slot.values().size()))) {
      option.addChoice(IntentTexts.truncate(value.label(), 100), value.id());
    }
    return option;
  }
}
