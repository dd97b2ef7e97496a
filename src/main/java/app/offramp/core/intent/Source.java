package app.offramp.core.intent;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Where an intent's facts come from: the source document's title and the section that backs them,
 * an optional URL, and the day someone last checked the answer against it. Replies cite it, so a
 * member can judge how fresh an answer is.
 */
public record Source(String title, String section, Optional<String> url, LocalDate verified) {}
