package app.offramp.front.discord;

import app.offramp.core.port.in.CommandSpec;
import app.offramp.core.port.in.Conversations;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.commands.localization.LocalizationFunction;

/**
 * Slash commands in the members' languages, from the same files as the replies: JDA asks for each
 * description (and each choice's name) by a key made of the command's path ("cancel.description",
 * "cancel.options.platform.description", "cancel.options.platform.choices.On a computer.name",
 * "offramp.stats.description"), and this answers with the text in every language the bot has,
 * under each Discord locale of that language. Names stay ASCII and English: Discord requires a
 * command's name to be one lower-case word, and members type them.
 */
final class CommandLocalization implements LocalizationFunction {
  /** Discord's locales of each language the bot may have (Spanish has Spain's and Latin America's). */
  private static final Map<String, List<DiscordLocale>> LOCALES = Map.of(
      "es", List.of(DiscordLocale.SPANISH, DiscordLocale.SPANISH_LATAM),
      "de", List.of(DiscordLocale.GERMAN),
      "fr", List.of(DiscordLocale.FRENCH),
      "pt", List.of(DiscordLocale.PORTUGUESE_BRAZILIAN),
      "it", List.of(DiscordLocale.ITALIAN));
  /** The built-in commands' descriptions, by their path, as keys of the messages files. */
  private static final Map<String, String> BUILT_IN = Map.ofEntries(
      // JDA names a subcommand's description by the command and subcommand alone.
      Map.entry(SlashCommands.ADMIN + "." + SlashCommands.RELOAD + ".description", "command.offramp.reload"),
      Map.entry(SlashCommands.ADMIN + "." + SlashCommands.STATS + ".description", "command.offramp.stats"),
      Map.entry(SlashCommands.ADMIN + "." + SlashCommands.TICKETS + ".description", "command.offramp.tickets"),
      Map.entry(SlashCommands.ADMIN + "." + SlashCommands.REVIEW + ".description", "command.offramp.review"),
      Map.entry(SlashCommands.ASK + ".description", "command.ask"),
      Map.entry(SlashCommands.LANGUAGE + ".description", "command.language"),
      Map.entry(SlashCommands.LANGUAGE + ".options." + SlashCommands.LANGUAGE + ".description", "command.language.option"),
      Map.entry(SlashCommands.ASK + ".options.question.description", "command.ask.question"),
      Map.entry(SlashCommands.ADMIN + ".description", "command.offramp"),
      Map.entry(SlashCommands.ADMIN + ".options." + SlashCommands.RELOAD + ".description", "command.offramp.reload"),
      Map.entry(SlashCommands.ADMIN + ".options." + SlashCommands.STATS + ".description", "command.offramp.stats"),
      Map.entry(SlashCommands.ADMIN + ".options." + SlashCommands.TICKETS + ".description", "command.offramp.tickets"),
      Map.entry(SlashCommands.ADMIN + ".options." + SlashCommands.REVIEW + ".description", "command.offramp.review"));

  private final Conversations words;
  private final List<CommandSpec> english;

  CommandLocalization(Conversations words, List<CommandSpec> english) {
    this.words = words;
    this.english = english;
  }

  @Override
  public Map<DiscordLocale, String> apply(String key) {
    Map<DiscordLocale, String> out = new EnumMap<>(DiscordLocale.class);
    for (String language : words.languages()) {
      List<DiscordLocale> locales = LOCALES.get(language);
      if (locales == null) {
        continue; // English is the default text; a language Discord has no locale for is not shown
      }
      text(language, key).ifPresent(t -> locales.forEach(l -> out.put(l, t)));
    }
    return out;
  }

  /** The text a key asks for in {@code language}, cut to Discord's limits. */
  private Optional<String> text(String language, String key) {
    String builtIn = BUILT_IN.get(key);
    if (builtIn != null) {
      return Optional.of(Texts.cut(words.textIn(language, builtIn), DiscordLimits.DESCRIPTION));
    }
    String[] parts = key.split("\\.", -1);
    List<CommandSpec> translated = words.commands(language);
    for (int i = 0; i < english.size() && i < translated.size(); i++) {
      CommandSpec en = english.get(i);
      CommandSpec tr = translated.get(i);
      if (!en.name().equals(parts[0])) {
        continue;
      }
      if (key.equals(en.name() + ".description")) {
        return Optional.of(Texts.cut(tr.description(), DiscordLimits.DESCRIPTION));
      }
      if (en.option().isEmpty() || tr.option().isEmpty()) {
        return Optional.empty();
      }
      CommandSpec.Option eo = en.option().get();
      CommandSpec.Option to = tr.option().get();
      String prefix = en.name() + ".options." + eo.name() + ".";
      if (key.equals(prefix + "description")) {
        return Optional.of(Texts.cut(to.description(), DiscordLimits.DESCRIPTION));
      }
      if (key.startsWith(prefix + "choices.") && key.endsWith(".name")) {
        String choice = key.substring((prefix + "choices.").length(), key.length() - ".name".length());
        for (int c = 0; c < eo.choices().size() && c < to.choices().size(); c++) {
          if (same(eo.choices().get(c).label(), choice)) {
            return Optional.of(Texts.cut(to.choices().get(c).label(), DiscordLimits.CHOICE_NAME));
          }
        }
      }
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** A choice's label as JDA puts it in a key (it may lower-case it or replace spaces). */
  private static boolean same(String label, String inKey) {
    return norm(label).equals(norm(inKey));
  }

  private static String norm(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
  }
}
