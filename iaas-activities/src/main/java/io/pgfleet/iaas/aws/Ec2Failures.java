package io.pgfleet.iaas.aws;

import io.pgfleet.workflows.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Maps AWS SDK exceptions to the ApplicationFailure types the workflows branch on. */
final class Ec2Failures {

  /** EC2's throttling and transient server codes (besides any 5xx status). */
  private static final Set<String> TRANSIENT_CODES =
      Set.of(
          "RequestLimitExceeded",
          "Throttling",
          "ThrottlingException",
          "InsufficientInstanceCapacity",
          "ServiceUnavailable",
          "Unavailable",
          "InternalError",
          "InternalFailure");

  private static final int SERVER_ERROR = 500;

  private Ec2Failures() {}

  /** The EC2 error code, or null for errors that never reached EC2 (connection refused …). */
  static String code(SdkException e) {
    return e instanceof AwsServiceException service && service.awsErrorDetails() != null
        ? service.awsErrorDetails().errorCode()
        : null;
  }

  static boolean isNotFound(SdkException e) {
    String code = code(e);
    return code != null && code.endsWith(".NotFound");
  }

  static ApplicationFailure toFailure(String what, SdkException e) {
    String code = code(e);
    String message =
        what + " failed" + (code == null ? "" : " (" + code + ")") + ": " + e.getMessage();
    return failure(type(e), message, e);
  }

  static FailureType type(SdkException e) {
    if (e instanceof SdkClientException || !(e instanceof AwsServiceException service)) {
      return FailureType.IAAS_UNAVAILABLE;
    }
    String code = code(e);
    if (service.statusCode() >= SERVER_ERROR
        || service.isThrottlingException()
        || TRANSIENT_CODES.contains(code)) {
      return FailureType.IAAS_UNAVAILABLE;
    }
    if (isNotFound(e)) {
      return FailureType.IAAS_NOT_FOUND;
    }
    return FailureType.IAAS_REQUEST_REJECTED;
  }

  static ApplicationFailure failure(FailureType type, String message, Throwable cause) {
    return type.retryable()
        ? ApplicationFailure.newFailureWithCause(message, type.name(), cause)
        : ApplicationFailure.newNonRetryableFailureWithCause(message, type.name(), cause);
  }
}
