package io.pgfleet.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Parsing of {@code keyId:base64key[,…]}: clear errors that never quote key material. */
class EncryptionKeysTest {

  private static final String KEY_A = EncryptionKeys.newKeySpec("a");
  private static final String KEY_B = EncryptionKeys.newKeySpec("b-2024.1");

  @Test
  void theFirstKeyIsCurrentAndEveryKeyIsListed() {
    EncryptionKeys keys = EncryptionKeys.parse(" " + KEY_B + " , " + KEY_A + " ");

    assertThat(keys.currentId()).isEqualTo("b-2024.1");
    assertThat(keys.ids()).containsExactly("b-2024.1", "a");
    assertThat(keys.find("a")).isPresent();
    assertThat(keys.find("c")).isEmpty();
  }

  @Test
  void toStringShowsIdsOnly() {
    EncryptionKeys keys = EncryptionKeys.parse(KEY_A);

    assertThat(keys.toString()).isEqualTo("EncryptionKeys[a]").doesNotContain(material(KEY_A));
  }

  @Test
  void urlSafeBase64IsAccepted() {
    byte[] raw = Base64.getDecoder().decode(material(KEY_A));
    String urlSafe = "u:" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);

    assertThat(EncryptionKeys.parse(urlSafe).currentId()).isEqualTo("u");
  }

  @Test
  void missingKeysAreRejected() {
    assertThatThrownBy(() -> EncryptionKeys.parse(null)).hasMessageStartingWith("no codec keys");
    assertThatThrownBy(() -> EncryptionKeys.parse("  ")).hasMessageStartingWith("no codec keys");
  }

  @Test
  void badEntriesAreNamedByPositionAndIdWithoutTheirKey() {
    String shortKey = "s:" + Base64.getEncoder().encodeToString(new byte[16]);
    String notBase64 = "n:%%secret-material%%";

    assertThatThrownBy(() -> EncryptionKeys.parse(KEY_A + "," + shortKey))
        .hasMessage("codec key entry 2 of 2 ('s') is 16 bytes; AES-256 needs 32");
    assertThatThrownBy(() -> EncryptionKeys.parse(notBase64))
        .hasMessage("codec key entry 1 of 1 ('n') is not base64")
        .hasNoCause();
    assertThatThrownBy(() -> EncryptionKeys.parse(material(KEY_A)))
        .hasMessage("codec key entry 1 of 1 is not keyId:base64key");
    assertThatThrownBy(() -> EncryptionKeys.parse("bad id:" + material(KEY_A)))
        .hasMessageContaining("entry 1 of 1 has an invalid key id");
    assertThatThrownBy(() -> EncryptionKeys.parse(KEY_A + "," + KEY_A))
        .hasMessage("codec key entry 2 of 2 ('a') repeats a key id");
    assertThatThrownBy(() -> EncryptionKeys.parse(KEY_A + ","))
        .hasMessage("codec key entry 2 of 2 is not keyId:base64key");
  }

  @Test
  void settingErrorsNameTheSettingAndItsEnvironmentVariable() {
    assertThatThrownBy(() -> EncryptionKeys.fromSetting(""))
        .hasMessageStartingWith("pgfleet.codec.keys is required and has no default")
        .hasMessageContaining("PGFLEET_CODEC_KEYS");
    assertThatThrownBy(() -> EncryptionKeys.fromSetting("k:AAAA"))
        .hasMessage(
            "pgfleet.codec.keys (PGFLEET_CODEC_KEYS) is invalid: codec key entry 1 of 1 ('k') is"
                + " 3 bytes; AES-256 needs 32");
    assertThat(EncryptionKeys.fromSetting(KEY_A).currentId()).isEqualTo("a");
  }

  @Test
  void newKeySpecsAreRandom() {
    assertThat(material(EncryptionKeys.newKeySpec("x")))
        .isNotEqualTo(material(EncryptionKeys.newKeySpec("x")));
    assertThatThrownBy(() -> EncryptionKeys.newKeySpec("no spaces"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String material(String spec) {
    return spec.substring(spec.indexOf(':') + 1);
  }
}
