package io.pgfleet.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Round trips, tampering, unknown keys, rotation and nonces of the AES-GCM payload codec. */
class AesGcmPayloadCodecTest {

  private static final String OLD = EncryptionKeys.newKeySpec("k1");
  private static final String NEW = EncryptionKeys.newKeySpec("k2");
  private static final String SECRET = "s3cr3t-superuser-password";

  private final AesGcmPayloadCodec codec = new AesGcmPayloadCodec(EncryptionKeys.parse(OLD));

  @Test
  void roundTripRestoresTheWholePayloadAndHidesItsContent() {
    Payload plain = json("{\"password\":\"" + SECRET + "\"}");

    Payload encrypted = codec.encode(List.of(plain)).get(0);

    assertThat(encrypted.getMetadataOrThrow("encoding").toStringUtf8())
        .isEqualTo("binary/encrypted");
    assertThat(encrypted.getMetadataOrThrow("encryption-key-id").toStringUtf8()).isEqualTo("k1");
    assertThat(encrypted.getMetadataOrThrow("encryption-cipher").toStringUtf8())
        .isEqualTo("AES-256-GCM");
    assertThat(encrypted.toByteString().toStringUtf8()).doesNotContain(SECRET, "json/plain");
    assertThat(codec.decode(List.of(encrypted))).containsExactly(plain);
  }

  @Test
  void emptyAndManyPayloadsKeepTheirOrder() {
    List<Payload> plain = List.of(json("1"), Payload.getDefaultInstance(), json("\"three\""));

    assertThat(codec.decode(codec.encode(plain))).isEqualTo(plain);
    assertThat(codec.encode(List.of())).isEmpty();
  }

  @Test
  void payloadsThatAreNotEncryptedPassThroughDecoding() {
    Payload plain = json("{\"written\":\"before encryption\"}");

    assertThat(codec.decode(List.of(plain))).containsExactly(plain);
  }

  @Test
  void aTamperedCiphertextFailsAuthentication() {
    Payload encrypted = codec.encode(List.of(json("\"" + SECRET + "\""))).get(0);
    byte[] data = encrypted.getData().toByteArray();
    data[data.length - 20] ^= 1;
    Payload tampered = encrypted.toBuilder().setData(ByteString.copyFrom(data)).build();

    assertThatThrownBy(() -> codec.decode(List.of(tampered)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("failed authentication with codec key 'k1'");
  }

  @Test
  void aSwappedKeyIdFailsEvenWhenBothKeysAreKnown() {
    AesGcmPayloadCodec both = new AesGcmPayloadCodec(EncryptionKeys.parse(NEW + "," + OLD));
    Payload encrypted = both.encode(List.of(json("1"))).get(0);
    Payload relabelled =
        encrypted.toBuilder()
            .putMetadata("encryption-key-id", ByteString.copyFromUtf8("k1"))
            .build();

    assertThatThrownBy(() -> both.decode(List.of(relabelled)))
        .hasMessageContaining("failed authentication with codec key 'k1'");
  }

  @Test
  void truncatedDataIsReportedAsSuch() {
    Payload encrypted = codec.encode(List.of(json("1"))).get(0);
    Payload truncated = encrypted.toBuilder().setData(encrypted.getData().substring(0, 10)).build();

    assertThatThrownBy(() -> codec.decode(List.of(truncated))).hasMessageContaining("truncated");
  }

  @Test
  void anUnknownKeyIdNamesTheKeyAndTheSetting() {
    Payload encrypted =
        new AesGcmPayloadCodec(EncryptionKeys.parse(NEW)).encode(List.of(json("1"))).get(0);

    assertThatThrownBy(() -> codec.decode(List.of(encrypted)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("encrypted with codec key 'k2', which is not configured")
        .hasMessageContaining("configured: [k1]")
        .hasMessageContaining("pgfleet.codec.keys");
  }

  @Test
  void afterRotationTheNewKeyEncryptsAndTheOldStillDecrypts() {
    Payload fromBefore = codec.encode(List.of(json("\"old\""))).get(0);
    AesGcmPayloadCodec rotated = new AesGcmPayloadCodec(EncryptionKeys.parse(NEW + "," + OLD));

    Payload fromAfter = rotated.encode(List.of(json("\"new\""))).get(0);

    assertThat(fromAfter.getMetadataOrThrow("encryption-key-id").toStringUtf8()).isEqualTo("k2");
    assertThat(rotated.decode(List.of(fromBefore, fromAfter)))
        .containsExactly(json("\"old\""), json("\"new\""));
  }

  @Test
  void everyEncryptionUsesAFreshNonce() {
    Payload same = json("\"" + SECRET + "\"");
    int count = 2_000;

    Set<ByteString> nonces = new HashSet<>();
    Set<ByteString> ciphertexts = new HashSet<>();
    IntStream.range(0, count)
        .forEach(
            i -> {
              ByteString data = codec.encode(List.of(same)).get(0).getData();
              nonces.add(data.substring(0, AesGcmPayloadCodec.NONCE_BYTES));
              ciphertexts.add(data);
            });

    assertThat(nonces).hasSize(count);
    assertThat(ciphertexts).hasSize(count);
  }

  private static Payload json(String body) {
    return Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(body))
        .build();
  }
}
