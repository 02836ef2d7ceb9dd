package io.pgfleet.testenv.cloud.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Requests signed by the AWS SDK's own SigV4 signer pass; any change to them fails. */
class SigV4VerifierTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final String BODY =
      "Action=DescribeInstances&Version=2016-11-15&InstanceId.1=vm-1";
  private static final Ec2ApiSettings SETTINGS =
      new Ec2ApiSettings(0, "us-east-1", "AKIDTEST", "the-secret");

  private final SigV4Verifier verifier =
      new SigV4Verifier(SETTINGS, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aRequestSignedByTheSdkVerifies() {
    verifier.verify(signed("the-secret", "us-east-1", BODY, null, NOW));
  }

  @Test
  void aQueryStringIsPartOfTheSignature() {
    verifier.verify(signed("the-secret", "us-east-1", "", "Action=Describe%20It&b=1&a=x%2Fy", NOW));
  }

  @Test
  void aWrongSecretIsAnAuthFailure() {
    assertThat(code(signed("another-secret", "us-east-1", BODY, null, NOW)))
        .isEqualTo("AuthFailure");
  }

  @Test
  void aChangedBodyIsAnAuthFailure() {
    SignedRequest good = signed("the-secret", "us-east-1", BODY, null, NOW);
    SignedRequest tampered =
        new SignedRequest(
            good.method(),
            good.rawPath(),
            good.rawQuery(),
            good.headers(),
            BODY.replace("vm-1", "vm-2").getBytes(StandardCharsets.UTF_8));
    assertThat(code(tampered)).isEqualTo("AuthFailure");
  }

  @Test
  void anotherRegionIsAnAuthFailure() {
    assertThat(code(signed("the-secret", "eu-west-1", BODY, null, NOW))).isEqualTo("AuthFailure");
  }

  @Test
  void aRequestSignedTooLongAgoHasExpired() {
    Instant stale = NOW.minus(SigV4Verifier.MAX_CLOCK_SKEW).minus(Duration.ofMinutes(1));
    assertThat(code(signed("the-secret", "us-east-1", BODY, null, stale)))
        .isEqualTo("RequestExpired");
  }

  @Test
  void anUnsignedRequestIsMissingItsToken() {
    SignedRequest unsigned =
        new SignedRequest("POST", "/", null, Map.of(), BODY.getBytes(StandardCharsets.UTF_8));
    Ec2Error error = catchThrowableOfType(Ec2Error.class, () -> verifier.verify(unsigned));
    assertThat(error.code()).isEqualTo("MissingAuthenticationToken");
    assertThat(error.status()).isEqualTo(401);
  }

  private String code(SignedRequest request) {
    Ec2Error error = catchThrowableOfType(Ec2Error.class, () -> verifier.verify(request));
    assertThat(error).as("the verifier refuses the request").isNotNull();
    return error.code();
  }

  private static SignedRequest signed(
      String secret, String region, String body, String query, Instant at) {
    SdkHttpRequest.Builder http =
        SdkHttpRequest.builder()
            .method(query == null ? SdkHttpMethod.POST : SdkHttpMethod.GET)
            .protocol("http")
            .host("127.0.0.1")
            .port(8773)
            .encodedPath("/")
            .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    if (query != null) {
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        http.appendRawQueryParameter(
            java.net.URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
      }
    }
    var result =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(AwsCredentialsIdentity.create("AKIDTEST", secret))
                        .request(http.build())
                        .payload(ContentStreamProvider.fromUtf8String(body))
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "ec2")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
    SdkHttpRequest request = result.request();
    Map<String, List<String>> headers = new HashMap<>();
    request.forEachHeader(
        (name, values) -> headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
    headers.put("host", List.of(request.host() + ":" + request.port()));
    String rawQuery = request.encodedQueryParameters().orElse(null);
    return new SignedRequest(
        request.method().name(),
        request.encodedPath(),
        rawQuery,
        headers,
        body.getBytes(StandardCharsets.UTF_8));
  }
}
