package app.offramp.core.intent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which service the bot's content is about and which others members name, read from
 * {@code services.yaml} beside the intents. A question about another service's account is not
 * ours, whatever intent its words resemble ("wie kündige ich netflix" reads like cancelling);
 * a question about moving to one is, as the intent named by {@code switchingIntent} answers.
 *
 * @param service the service's own name, as members read it ("Amazon Music")
 * @param names how members write it ("amazon music", "music unlimited", "prime music")
 * @param others each other service's name, as members read it, with how members write it
 * @param switchingIntent the intent that answers moving to another service ("alternatives")
 * @param switchingWords words that make another service a destination, not the subject ("switch",
 *     "instead", "cambiar")
 */
public record ServiceNames(String service, List<String> names, Map<String, List<String>> others,
    Optional<String> switchingIntent, List<String> switchingWords) {
  /** No file: every message is taken to be about the bot's own topics, as before the file existed. */
  public static final ServiceNames NONE = new ServiceNames("", List.of(), Map.of(), Optional.empty(), List.of());

  public ServiceNames {
    names = List.copyOf(names);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    others.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    others = java.util.Collections.unmodifiableMap(copy);
    switchingWords = List.copyOf(switchingWords);
  }

  public boolean isEmpty() {
    return names.isEmpty() && others.isEmpty();
  }
}
