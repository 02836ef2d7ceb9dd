package io.pgfleet.codec;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodec;
import java.util.List;

/**
 * The data converter of every pgfleet Temporal client (gateway, control-plane worker, node agents):
 * Temporal's default JSON conversion, then AES-256-GCM encryption of each payload. Failure messages
 * and stack traces are encrypted too, since an activity's error can quote its input.
 *
 * <p>Not encrypted, because Temporal must read them: search attributes, memos, workflow ids and
 * task queues. Keep secrets out of those.
 */
public final class PgfleetDataConverter {

  /** Encode failure attributes: the message and stack trace move into an encrypted payload. */
  private static final boolean ENCODE_FAILURE_ATTRIBUTES = true;

  private PgfleetDataConverter() {}

  public static DataConverter create(EncryptionKeys keys) {
    return create(new AesGcmPayloadCodec(keys));
  }

  public static DataConverter create(PayloadCodec codec) {
    return new CodecDataConverter(
        DefaultDataConverter.newDefaultInstance(), List.of(codec), ENCODE_FAILURE_ATTRIBUTES);
  }
}
