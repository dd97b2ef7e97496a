package app.offramp.config;

import java.util.regex.Pattern;

/**
 * Masks what could be a secret in a message about to be shown: a password or token given as a URL
 * parameter ({@code password=…}, {@code pwd=…}) and the credentials of a URL ({@code
 * //user:secret@host}). Whatever quoted it (a JDBC driver quoting a mistyped URL, a Redis client), a
 * message goes through here before a terminal, a log line or a Discord reply sees it (regression,
 * issue 23: {@code jdbc:postgres:} for {@code jdbc:postgresql:} put the password in {@code report}'s
 * error and in {@code /offramp stats}).
 */
public final class Secrets {
  private static final Pattern PARAMETER = Pattern.compile(
      "(?i)\\b(password|passwd|pwd|pass|secret|token|api[_-]?key|access[_-]?key|auth)=[^&;\\s'\"]*");
  private static final Pattern CREDENTIALS = Pattern.compile("(?i)(//)[^/@\\s'\"]*@");

  private Secrets() {}

  public static String mask(String message) {
    if (message == null) {
      return "";
    }
    String m = PARAMETER.matcher(message).replaceAll("$1=***");
    return CREDENTIALS.matcher(m).replaceAll("$1***@");
  }
}
