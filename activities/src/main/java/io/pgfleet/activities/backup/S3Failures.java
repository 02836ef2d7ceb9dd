package io.pgfleet.activities.backup;

import io.pgfleet.workflows.FailureType;
import io.temporal.failure.ApplicationFailure;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Maps AWS SDK exceptions from S3 to the failure types the workflows branch on. */
final class S3Failures {

  private static final int SERVER_ERROR = 500;

  private S3Failures() {}

  static ApplicationFailure toFailure(String what, SdkException e) {
    String code =
        e instanceof AwsServiceException service && service.awsErrorDetails() != null
            ? service.awsErrorDetails().errorCode()
            : null;
    String message =
        what + " failed" + (code == null ? "" : " (" + code + ")") + ": " + e.getMessage();
    return unavailable(e)
        ? ApplicationFailure.newFailureWithCause(
            message, FailureType.OBJECT_STORE_UNAVAILABLE.name(), e)
        : ApplicationFailure.newNonRetryableFailureWithCause(
            message, FailureType.OBJECT_STORE_REJECTED.name(), e);
  }

  /** Unreachable, throttled or 5xx: worth retrying. Anything else is the request's fault. */
  static boolean unavailable(SdkException e) {
    if (!(e instanceof AwsServiceException service)) {
      return true;
    }
    return service.statusCode() >= SERVER_ERROR || service.isThrottlingException();
  }
}
