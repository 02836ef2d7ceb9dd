package io.pgfleet.testenv.cloud.ec2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a request's {@code Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…,
 * Signature=…} against the one access key the local EC2 API knows, as EC2 does: an unknown key, a
 * wrong secret or a credential scoped to another region or service is {@code AuthFailure}.
 */
final class SigV4Verifier {

  static final String SERVICE = "ec2";

  /** AWS refuses requests whose X-Amz-Date is more than 15 minutes off. */
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  private final Ec2ApiSettings settings;
  private final Clock clock;

  SigV4Verifier(Ec2ApiSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  void verify(SignedRequest request) {
    String authorization = request.header("authorization");
    if (authorization == null) {
      throw new Ec2Error(
          Ec2Error.UNAUTHORIZED,
          "MissingAuthenticationToken",
          "The request must contain either a valid (registered) AWS access key ID or X.509"
              + " certificate.");
    }
    if (!authorization.startsWith(SigV4.ALGORITHM + " ")) {
      throw Ec2Error.authFailure();
    }
    Map<String, String> parts = parts(authorization.substring(SigV4.ALGORITHM.length() + 1));
    String[] credential = parts.getOrDefault("Credential", "").split("/");
    String signedHeaders = parts.get("SignedHeaders");
    String signature = parts.get("Signature");
    String amzDate = request.header("x-amz-date");
    if (credential.length != 5 || signedHeaders == null || signature == null || amzDate == null) {
      throw new Ec2Error(
          Ec2Error.BAD_REQUEST,
          "IncompleteSignature",
          "Authorization header requires Credential, SignedHeaders and Signature and the request"
              + " an X-Amz-Date header.");
    }
    String date = credential[1];
    if (!credential[0].equals(settings.accessKey())
        || !amzDate.startsWith(date)
        || !credential[2].equals(settings.region())
        || !credential[3].equals(SERVICE)
        || !credential[4].equals(SigV4.TERMINATOR)) {
      throw Ec2Error.authFailure();
    }
    checkClock(amzDate);
    List<String> headers = Arrays.asList(signedHeaders.split(";"));
    String scope = String.join("/", date, settings.region(), SERVICE, SigV4.TERMINATOR);
    String expected =
        SigV4.signature(
            settings.secretKey(),
            date,
            settings.region(),
            SERVICE,
            SigV4.stringToSign(amzDate, scope, SigV4.canonicalRequest(request, headers)));
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII))) {
      throw Ec2Error.authFailure();
    }
  }

  private void checkClock(String amzDate) {
    Instant signedAt;
    try {
      signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw Ec2Error.authFailure();
    }
    Duration skew = Duration.between(signedAt, clock.instant()).abs();
    if (skew.compareTo(MAX_CLOCK_SKEW) > 0) {
      throw new Ec2Error(Ec2Error.BAD_REQUEST, "RequestExpired", "Request has expired.");
    }
  }

  /** {@code Credential=a/b, SignedHeaders=x;y, Signature=hex} as a map. */
  private static Map<String, String> parts(String text) {
    Map<String, String> parts = new HashMap<>();
    for (String part : text.split(",")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        parts.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
      }
    }
    return parts;
  }
}
