package io.pgfleet.codec;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys of the payload codec, parsed from {@code keyId:base64key[,keyId:base64key…]}
 * (setting {@code pgfleet.codec.keys}, environment {@code PGFLEET_CODEC_KEYS}). The first key
 * encrypts; every key decrypts, so a rotation puts the new key first and keeps the old ones until
 * no history that needs them is retained.
 *
 * <p>Neither {@link #toString} nor any error message ever contains key material: only key ids.
 */
public final class EncryptionKeys {

  public static final String SETTING = "pgfleet.codec.keys";
  public static final String ENVIRONMENT_VARIABLE = "PGFLEET_CODEC_KEYS";

  /** AES-256. */
  public static final int KEY_BYTES = 32;

  /** Ids travel in payload metadata and logs: short, printable, no separators of the format. */
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private static final String ALGORITHM = "AES";

  private final Map<String, SecretKey> keys;
  private final String currentId;

  private EncryptionKeys(Map<String, SecretKey> keys) {
    this.keys = keys;
    this.currentId = keys.keySet().iterator().next();
  }

  /**
   * Parses {@code keyId:base64key[,keyId:base64key…]}; whitespace around entries is ignored.
   *
   * @throws IllegalArgumentException naming the entry (by position and id) that is wrong, never its
   *     key
   */
  public static EncryptionKeys parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException(
          "no codec keys: expected keyId:base64key[,keyId:base64key…] with 32-byte (AES-256) keys");
    }
    String[] entries = spec.split(",", -1);
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    for (int i = 0; i < entries.length; i++) {
      String where = "codec key entry " + (i + 1) + " of " + entries.length;
      String entry = entries[i].trim();
      int colon = entry.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(where + " is not keyId:base64key");
      }
      String id = entry.substring(0, colon).trim();
      if (!KEY_ID.matcher(id).matches()) {
        throw new IllegalArgumentException(
            where + " has an invalid key id: use 1-64 of A-Z a-z 0-9 . _ -");
      }
      where += " ('" + id + "')";
      byte[] material = decode(entry.substring(colon + 1).trim(), where);
      if (material.length != KEY_BYTES) {
        throw new IllegalArgumentException(
            where + " is " + material.length + " bytes; AES-256 needs " + KEY_BYTES);
      }
      if (keys.putIfAbsent(id, new SecretKeySpec(material, ALGORITHM)) != null) {
        throw new IllegalArgumentException(where + " repeats a key id");
      }
    }
    return new EncryptionKeys(keys);
  }

  /**
   * Keys from the {@value #SETTING} setting, with errors that name the setting and its environment
   * variable {@value #ENVIRONMENT_VARIABLE}.
   */
  public static EncryptionKeys fromSetting(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          SETTING
              + " is required and has no default: set it or the environment variable "
              + ENVIRONMENT_VARIABLE
              + " to keyId:base64key (32 random bytes, e.g. from `head -c 32 /dev/urandom |"
              + " base64`); the gateway, the workers and every node agent need the same keys");
    }
    try {
      return parse(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          SETTING + " (" + ENVIRONMENT_VARIABLE + ") is invalid: " + e.getMessage());
    }
  }

  /** A new random key as one {@code keyId:base64key} entry, e.g. for a test or a first setup. */
  public static String newKeySpec(String keyId) {
    byte[] material = new byte[KEY_BYTES];
    new SecureRandom().nextBytes(material);
    String spec = keyId + ":" + Base64.getEncoder().encodeToString(material);
    parse(spec); // checks the id
    return spec;
  }

  /** The id of the key that encrypts. */
  public String currentId() {
    return currentId;
  }

  SecretKey current() {
    return keys.get(currentId);
  }

  Optional<SecretKey> find(String keyId) {
    return Optional.ofNullable(keys.get(keyId));
  }

  /** Every key id, the current one first. */
  public List<String> ids() {
    return new ArrayList<>(keys.keySet());
  }

  @Override
  public String toString() {
    return "EncryptionKeys" + ids();
  }

  /** Base64 (standard or URL-safe); the decoder's own message would quote a key character. */
  private static byte[] decode(String base64, String where) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException notStandard) {
      try {
        return Base64.getUrlDecoder().decode(base64);
      } catch (IllegalArgumentException notUrlSafe) {
        throw new IllegalArgumentException(where + " is not base64");
      }
    }
  }
}
