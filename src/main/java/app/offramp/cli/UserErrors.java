package app.offramp.cli;

import app.offramp.config.ConfigException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** One line for the user from an exception, without a stack trace or anything secret. */
final class UserErrors {
  private UserErrors() {}

  static String describe(Throwable e) {
    return app.offramp.config.Secrets.mask(plain(e));
  }

  private static String plain(Throwable e) {
    if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
      return e.getMessage();
    }
    if (e instanceof NoSuchFileException n) {
      return n.getFile() + " does not exist" + (n.getReason() == null ? "" : " (" + n.getReason() + ")");
    }
    if (e instanceof NotDirectoryException n) {
      return n.getFile() + " is not a directory; expected a directory of intent files";
    }
    if (e instanceof AccessDeniedException a) {
      return a.getFile() + " cannot be read (permission denied)";
    }
    if (e instanceof java.io.IOException) {
      return "could not read a file: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage().lines().findFirst().orElse(""));
    }
    return "unexpected error: " + e.getClass().getSimpleName();
  }
}
