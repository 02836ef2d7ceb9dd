package io.pgfleet.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.common.v1.Payloads;
import io.temporal.api.failure.v1.Failure;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Values and failures both leave the converter encrypted and come back intact. */
class PgfleetDataConverterTest {

  record Credentials(String user, String password) {}

  private static final String SECRET = "binding-password-" + System.nanoTime();

  private final DataConverter converter =
      PgfleetDataConverter.create(EncryptionKeys.parse(EncryptionKeys.newKeySpec("k1")));

  @Test
  void valuesAreEncryptedAndDecryptedBackToTheirType() {
    Credentials credentials = new Credentials("app", SECRET);

    Optional<Payloads> payloads = converter.toPayloads(credentials);

    assertThat(payloads.orElseThrow().toByteString().toStringUtf8()).doesNotContain(SECRET);
    assertThat(converter.fromPayloads(0, payloads, Credentials.class, Credentials.class))
        .isEqualTo(credentials);
  }

  @Test
  void aConverterWithoutTheCodecCannotReadThem() {
    Optional<Payloads> payloads = converter.toPayloads(new Credentials("app", SECRET));

    assertThatThrownBy(
            () ->
                DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
                    0, payloads, Credentials.class, Credentials.class))
        .hasMessageContaining("binary/encrypted");
  }

  @Test
  void failureMessagesAndStackTracesAreEncryptedToo() {
    ApplicationFailure failure =
        ApplicationFailure.newFailure("cannot log in with " + SECRET, "AUTH");

    Failure encoded = converter.exceptionToFailure(failure);

    assertThat(encoded.toByteString().toStringUtf8()).doesNotContain(SECRET);
    assertThat(encoded.hasEncodedAttributes()).isTrue();
    assertThat(converter.failureToException(encoded))
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("cannot log in with " + SECRET);
  }
}
