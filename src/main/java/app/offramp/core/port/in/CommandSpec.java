package app.offramp.core.port.in;

import java.util.List;
import java.util.Optional;

/**
 * A command a front offers (a Discord slash command): its name and description, and at most one
 * option with fixed choices (the intent's slot, such as platform: computer or mobile).
 */
public record CommandSpec(String name, String description, Optional<Option> option) {
  public record Option(String name, String description, List<Choice> choices) {
    public Option {
      choices = List.copyOf(choices);
    }
  }

  public record Choice(String label, String value) {}
}
