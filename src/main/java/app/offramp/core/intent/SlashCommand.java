package app.offramp.core.intent;

/** How an intent is offered as a slash command: its name and the description shown in the picker. */
public record SlashCommand(String name, String description) {}
