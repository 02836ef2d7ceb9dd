package io.pgfleet.testenv.codec;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.History;
import io.temporal.payload.codec.PayloadCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What a workflow history holds, as stored, and as its readers with the codec see it. */
public final class HistoryPayloads {

  private HistoryPayloads() {}

  /** Every payload anywhere in the message, failures' encoded attributes included. */
  public static List<Payload> in(Message message) {
    List<Payload> found = new ArrayList<>();
    collect(message, found);
    return found;
  }

  /** The stored bytes of the history: a secret that appears nowhere here is nowhere in it. */
  public static boolean storedBytesContain(History history, String text) {
    // ISO-8859-1 maps every byte to one char, so a UTF-8 needle is found byte for byte.
    String bytes = new String(history.toByteArray(), StandardCharsets.ISO_8859_1);
    return bytes.contains(
        new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
  }

  /** The history's payload data after decoding, concatenated: what a reader with keys sees. */
  public static String decodedText(History history, PayloadCodec codec) {
    StringBuilder text = new StringBuilder();
    for (Payload payload : codec.decode(in(history))) {
      text.append(payload.getData().toStringUtf8()).append('\n');
    }
    return text.toString();
  }

  /** How many payloads of the history are stored encrypted. */
  public static long encryptedCount(History history) {
    return in(history).stream()
        .filter(
            p ->
                "binary/encrypted"
                    .equals(
                        p.getMetadataOrDefault("encoding", null) == null
                            ? null
                            : p.getMetadataOrThrow("encoding").toStringUtf8()))
        .count();
  }

  private static void collect(Message message, List<Payload> found) {
    if (message instanceof Payload payload) {
      found.add(payload);
      return;
    }
    for (Map.Entry<FieldDescriptor, Object> field : message.getAllFields().entrySet()) {
      if (field.getKey().getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      if (field.getKey().isRepeated()) { // lists, and maps as lists of entries
        for (Object element : (List<?>) field.getValue()) {
          collect((Message) element, found);
        }
      } else {
        collect((Message) field.getValue(), found);
      }
    }
  }
}
