package io.pgfleet.gateway.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.google.protobuf.util.JsonFormat;
import io.pgfleet.codec.EncryptionKeys;
import io.pgfleet.codec.PgfleetDataConverter;
import io.pgfleet.gateway.support.GatewayIntegrationTest;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * /codec speaks Temporal's remote codec protocol with the keys every pgfleet client uses: what a
 * worker's converter encrypted comes back readable, to the admin token or the Web UI's origin only.
 */
class CodecEndpointIT extends GatewayIntegrationTest {

  private static final String UI_ORIGIN = "http://127.0.0.1:8233";
  private static final String SECRET = "superuser-password-" + System.nanoTime();

  /** A converter built from the same keys, as the control-plane worker's is. */
  private final DataConverter worker =
      PgfleetDataConverter.create(EncryptionKeys.parse(CODEC_KEYS));

  @Test
  void decodeReturnsWhatTheWorkersConverterEncrypted() throws Exception {
    String encrypted = json(worker.toPayloads(new Secret(SECRET)).orElseThrow());
    assertThat(encrypted).doesNotContain(SECRET).doesNotContain(base64("json/plain"));

    String decoded =
        mvc.perform(admin(codec("/codec/decode", encrypted)))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.payloads[0].metadata.encoding").value(base64("json/plain")))
            .andReturn()
            .getResponse()
            .getContentAsString();

    Payloads payloads = parse(decoded);
    assertThat(payloads.getPayloads(0).getData().toStringUtf8()).contains(SECRET);
    assertThat(worker.fromPayloads(0, Optional.of(payloads), Secret.class, Secret.class))
        .isEqualTo(new Secret(SECRET));
  }

  @Test
  void encodeThenDecodeUnderANamespacePathRoundTrips() throws Exception {
    String plain = json(DefaultDataConverter.STANDARD_INSTANCE.toPayloads("hello").orElseThrow());

    String encoded =
        mvc.perform(admin(codec("/codec/default/encode", plain)))
            .andExpect(status().isOk())
            .andExpect(
                jsonPath("$.payloads[0].metadata.encoding").value(base64("binary/encrypted")))
            .andReturn()
            .getResponse()
            .getContentAsString();

    mvc.perform(admin(codec("/codec/default/decode", encoded)))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.payloads[0].data").value(base64("\"hello\"")));
  }

  @Test
  void theWebUisOriginMayDecodeWithoutTheToken() throws Exception {
    String encrypted = json(worker.toPayloads(new Secret(SECRET)).orElseThrow());

    mvc.perform(codec("/codec/decode", encrypted).header(HttpHeaders.ORIGIN, UI_ORIGIN))
        .andExpect(status().isOk())
        .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, UI_ORIGIN));
    mvc.perform(
            options("/codec/decode")
                .header(HttpHeaders.ORIGIN, UI_ORIGIN)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type,x-namespace"))
        .andExpect(status().isOk())
        .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, UI_ORIGIN));
  }

  @Test
  void anyoneElseIsTurnedAway() throws Exception {
    String encrypted = json(worker.toPayloads(new Secret(SECRET)).orElseThrow());

    mvc.perform(codec("/codec/decode", encrypted)).andExpect(status().isUnauthorized());
    mvc.perform(codec("/codec/decode", encrypted).header(HttpHeaders.ORIGIN, "http://evil.test"))
        .andExpect(status().isUnauthorized());
    mvc.perform(
            codec("/codec/decode", encrypted)
                .header(HttpHeaders.AUTHORIZATION, "Bearer wrong-token"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.description").value(containsString("token")));
    mvc.perform(
            options("/codec/decode")
                .header(HttpHeaders.ORIGIN, "http://evil.test")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST"))
        .andExpect(status().isForbidden());
  }

  @Test
  void payloadsOfOtherKeysOrBrokenBodiesAreBadRequests() throws Exception {
    DataConverter stranger =
        PgfleetDataConverter.create(EncryptionKeys.parse(EncryptionKeys.newKeySpec("other")));
    String foreign = json(stranger.toPayloads(new Secret(SECRET)).orElseThrow());

    mvc.perform(admin(codec("/codec/decode", foreign)))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.description").value(containsString("codec key 'other'")));
    mvc.perform(admin(codec("/codec/decode", "{\"payloads\":[{\"data\":\"not base64!\"}]}")))
        .andExpect(status().isBadRequest());
  }

  record Secret(String password) {}

  private static MockHttpServletRequestBuilder codec(String path, String body) {
    return post(path)
        .contentType(MediaType.APPLICATION_JSON)
        .header("X-Namespace", "default")
        .content(body);
  }

  private static String json(Payloads payloads) throws Exception {
    return JsonFormat.printer().print(payloads);
  }

  private static Payloads parse(String json) throws Exception {
    Payloads.Builder builder = Payloads.newBuilder();
    JsonFormat.parser().merge(json, builder);
    return builder.build();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
