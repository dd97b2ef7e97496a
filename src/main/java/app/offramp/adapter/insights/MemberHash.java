package app.offramp.adapter.insights;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A member as a salted hash (HMAC-SHA-256 with a random salt generated once and kept beside the
 * database, readable by its owner only): the same member hashes the same way, so the report can
 * count members and follow a walk-through, but the database alone cannot be turned back into ids,
 * and a database copied elsewhere cannot be matched against a list of ids without the salt.
 */
final class MemberHash {
  private final byte[] salt;
  /** One initialised MAC per thread: creating one per turn costs more than the hash itself. */
  private final ThreadLocal<Mac> macs;

  private MemberHash(byte[] salt) {
    this.salt = salt;
    this.macs = ThreadLocal.withInitial(() -> {
      try {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(this.salt, "HmacSHA256"));
        return mac;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
      }
    });
  }

  /** The salt in {@code file}, created (32 random bytes, hex, mode 600) when it does not exist. */
  static MemberHash withSaltIn(Path file) throws IOException {
    if (!Files.exists(file)) {
      byte[] fresh = new byte[32];
      new SecureRandom().nextBytes(fresh);
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, ".insights-salt", ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the directory's permissions apply
      }
      Files.writeString(tmp, HexFormat.of().formatHex(fresh), StandardCharsets.US_ASCII);
      try {
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        Files.deleteIfExists(tmp); // another process made it first: use theirs
      }
    }
    String hex;
    try {
      hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (java.nio.file.AccessDeniedException e) {
      throw new IOException(file + " cannot be read (permission denied); expected the salt readable by the bot's user");
    } catch (java.nio.charset.CharacterCodingException e) {
      throw new IOException(file + " is not a salt (not ASCII); expected 64 hex digits");
    }
    try {
      return new MemberHash(HexFormat.of().parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + " is not a salt (expected 64 hex digits); delete it to make a new one");
    }
  }

  String of(String memberId) {
    return HexFormat.of().formatHex(macs.get().doFinal(memberId.getBytes(StandardCharsets.UTF_8)), 0, 16);
  }
}
