package app.offramp.core.intent;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One topic the bot knows. Exactly one of {@code answer}, {@code steps} or {@code slot} carries
 * the content: a plain answer, a walk-through, or a walk-through that depends on a slot value.
 * {@code before} names topics offered before a walk-through's steps (back up first), as
 * {@code followUps} names those offered after; {@code variants} answer what the plain answer would
 * get wrong for some members ({@link Variant}); {@code requiresWords}, when not empty, are the words one of
 * which a message must use to be answered with this intent (a staff call pings people: "fold my hand"
 * must not, however it reads).
 */
public record Intent(
    String id,
    String title,
    String summary,
    Optional<SlashCommand> command,
    List<String> examples,
    String intro,
    String answer,
    List<String> steps,
    Optional<Slot> slot,
    String outro,
    List<String> followUps,
    boolean callsStaff,
    Optional<Source> source,
    List<String> before,
    List<Variant> variants,
    List<String> requiresWords) {

  public Intent(String id, String title, String summary, Optional<SlashCommand> command, List<String> examples,
      String intro, String answer, List<String> steps, Optional<Slot> slot, String outro, List<String> followUps,
      boolean callsStaff) {
    this(id, title, summary, command, examples, intro, answer, steps, slot, outro, followUps, callsStaff,
        Optional.empty(), List.of(), List.of(), List.of());
  }

  public Intent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(summary, "summary");
    command = Objects.requireNonNull(command, "command");
    examples = List.copyOf(examples);
    intro = intro == null ? "" : intro.strip();
    answer = answer == null ? "" : answer.strip();
    steps = List.copyOf(steps);
    slot = Objects.requireNonNull(slot, "slot");
    outro = outro == null ? "" : outro.strip();
    followUps = List.copyOf(followUps);
    source = source == null ? Optional.empty() : source;
    before = before == null ? List.of() : List.copyOf(before);
    variants = variants == null ? List.of() : List.copyOf(variants);
    requiresWords = requiresWords == null ? List.of() : List.copyOf(requiresWords);
  }

  /** This intent with {@code more} examples after its own (the ones staff taught it: learned.yaml). */
  public Intent withMoreExamples(List<String> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<String> all = new java.util.ArrayList<>(examples);
    all.addAll(more);
    return new Intent(id, title, summary, command, all, intro, answer, steps, slot, outro, followUps, callsStaff, source,
        before, variants, requiresWords);
  }

  /** True when the answer is walked through one step a reply. */
  public boolean hasSteps() {
    return !steps.isEmpty() || slot.isPresent();
  }

  /** The steps for a slot value, or the intent's own steps when it has no slot. */
  public List<String> stepsFor(String slotValueId) {
    if (slot.isEmpty()) {
      return steps;
    }
    return slot.get().value(slotValueId).map(SlotValue::steps).orElse(List.of());
  }
}
