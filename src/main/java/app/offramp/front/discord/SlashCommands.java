package app.offramp.front.discord;

import app.offramp.core.port.in.CommandSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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

/** Slash commands from the core's command specs, plus /ask, /language and the staff-only /offramp reload, stats, tickets and review. */
final class SlashCommands {
  static final String ASK = "ask";
  static final String ADMIN = "offramp";
  static final String RELOAD = "reload";
  static final String STATS = "stats";
  static final String TICKETS = "tickets";
  static final String REVIEW = "review";
  static final String LANGUAGE = "language";

  private static final Logger LOG = LoggerFactory.getLogger(SlashCommands.class);

  private SlashCommands() {}

  static List<CommandData> build(List<CommandSpec> specs, app.offramp.core.port.in.Conversations words) {
    List<CommandData> commands = new ArrayList<>();
    for (CommandSpec spec : specs) {
      SlashCommandData command = Commands.slash(spec.name(), Texts.cut(spec.description(), DiscordLimits.DESCRIPTION));
      spec.option().ifPresent(o -> command.addOptions(option(o)));
      commands.add(command);
    }
    commands.add(Commands.slash(ASK, description(words, "command.ask"))
        .addOption(OptionType.STRING, "question", description(words, "command.ask.question"), true));
    if (words.languages().size() > 1) {
      OptionData language = new OptionData(OptionType.STRING, LANGUAGE, description(words, "command.language.option"), true);
      for (String code : words.languages()) {
        language.addChoice(Texts.cut(words.textIn(code, "language.name"), DiscordLimits.CHOICE_NAME), code);
      }
      commands.add(Commands.slash(LANGUAGE, description(words, "command.language")).addOptions(language));
    }
    commands.add(Commands.slash(ADMIN, description(words, "command.offramp"))
        .addSubcommands(new SubcommandData(RELOAD, description(words, "command.offramp.reload")),
            new SubcommandData(STATS, description(words, "command.offramp.stats")),
            new SubcommandData(TICKETS, description(words, "command.offramp.tickets")),
            new SubcommandData(REVIEW, description(words, "command.offramp.review")))
        .setDefaultPermissions(DefaultMemberPermissions.enabledFor(Permission.MANAGE_SERVER)));
    // Descriptions and choices in every language the bot has, once every option is in place.
    CommandLocalization localization = new CommandLocalization(words, specs);
    commands.forEach(c -> c.setLocalizationFunction(localization));
    return commands;
  }

  /**
   * Registers the commands with one PUT: to the configured guild (instant) or globally. The future
   * completes when Discord accepted them, exceptionally when it refused, so a reload can wait for it.
   */
  static CompletableFuture<?> register(JDA jda, Optional<Long> guildId, List<CommandSpec> specs,
      app.offramp.core.port.in.Conversations words) {
    List<CommandData> commands = build(specs, words);
    Guild guild = guildId.map(jda::getGuildById).orElse(null);
    if (guildId.isPresent() && guild == null) {
      LOG.warn("discord.guild-id {} is not a guild the bot is in; registering global commands instead", guildId.get());
    }
    return guild != null ? guild.updateCommands().addCommands(commands).submit()
        : jda.updateCommands().addCommands(commands).submit();
  }

  private static String description(app.offramp.core.port.in.Conversations words, String key) {
    return Texts.cut(words.text(key), DiscordLimits.DESCRIPTION);
  }

  private static OptionData option(CommandSpec.Option o) {
    OptionData option = new OptionData(OptionType.STRING, o.name(), Texts.cut(o.description(), DiscordLimits.DESCRIPTION),
        false);
    for (CommandSpec.Choice choice : o.choices().subList(0, Math.min(DiscordLimits.CHOICES, o.choices().size()))) {
      option.addChoice(Texts.cut(choice.label(), DiscordLimits.CHOICE_NAME), choice.value());
    }
    return option;
  }
}
