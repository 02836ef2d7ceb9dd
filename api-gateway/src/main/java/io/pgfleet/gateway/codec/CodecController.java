package io.pgfleet.gateway.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.pgfleet.codec.AesGcmPayloadCodec;
import io.pgfleet.gateway.web.ApiException;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Temporal's remote codec protocol, so the Web UI ({@code --ui-codec-endpoint
 * http://127.0.0.1:8080/codec}) and the CLI ({@code --codec-endpoint}) show decrypted payloads:
 * {@code POST /codec/decode} and {@code /codec/encode} take and return {@code {"payloads":[{
 * "metadata":{"encoding":"<base64>"},"data":"<base64>"}]}} (proto3 JSON of Payloads). The namespace
 * may also come as a path segment ({@code /codec/{namespace}/decode}), as the CLI's endpoint
 * template sends it; every namespace shares the keys. Access: {@code CodecAccessFilter}.
 */
@RestController
@RequestMapping(path = "/codec", produces = MediaType.APPLICATION_JSON_VALUE)
public class CodecController {

  private final AesGcmPayloadCodec codec;

  public CodecController(AesGcmPayloadCodec codec) {
    this.codec = codec;
  }

  @PostMapping(path = {"/decode", "/{namespace}/decode"})
  public String decode(@RequestBody String body) {
    return apply(body, codec::decode);
  }

  @PostMapping(path = {"/encode", "/{namespace}/encode"})
  public String encode(@RequestBody String body) {
    return apply(body, codec::encode);
  }

  private static String apply(String body, UnaryOperator<List<Payload>> operation) {
    Payloads.Builder request = Payloads.newBuilder();
    try {
      JsonFormat.parser().ignoringUnknownFields().merge(body, request);
    } catch (InvalidProtocolBufferException e) {
      throw ApiException.badRequest(
          "the body must be {\"payloads\":[{\"metadata\":{…},\"data\":\"<base64>\"}]} with"
              + " base64 bytes");
    }
    List<Payload> result;
    try {
      result = operation.apply(request.getPayloadsList());
    } catch (PayloadCodecException e) {
      // The codec's messages name key ids, never key material or payload content.
      throw ApiException.badRequest(e.getMessage());
    }
    try {
      return JsonFormat.printer().print(Payloads.newBuilder().addAllPayloads(result).build());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("payloads always print as JSON", e);
    }
  }
}
