package io.pgfleet.iaas.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgfleet.workflows.FailureType;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Which EC2 errors are worth another attempt. */
class Ec2FailuresTest {

  @Test
  void throttlingServerErrorsAndUnreachableAreRetryable() {
    assertThat(Ec2Failures.type(FakeEc2.error(503, "RequestLimitExceeded")))
        .isEqualTo(FailureType.IAAS_UNAVAILABLE);
    assertThat(Ec2Failures.type(FakeEc2.error(500, "InternalError")))
        .isEqualTo(FailureType.IAAS_UNAVAILABLE);
    assertThat(Ec2Failures.type(FakeEc2.error(502, "BadGateway")))
        .isEqualTo(FailureType.IAAS_UNAVAILABLE);
    assertThat(Ec2Failures.type(SdkClientException.create("Connection refused")))
        .isEqualTo(FailureType.IAAS_UNAVAILABLE);
  }

  @Test
  void notFoundAndRefusedRequestsAreNotRetried() {
    assertThat(Ec2Failures.type(FakeEc2.error(400, "InvalidSnapshot.NotFound")))
        .isEqualTo(FailureType.IAAS_NOT_FOUND);
    assertThat(Ec2Failures.type(FakeEc2.error(400, "InvalidParameterValue")))
        .isEqualTo(FailureType.IAAS_REQUEST_REJECTED);
    assertThat(Ec2Failures.type(FakeEc2.error(401, "AuthFailure")))
        .isEqualTo(FailureType.IAAS_REQUEST_REJECTED);

    ApplicationFailure failure =
        Ec2Failures.toFailure("Deleting volume vol-1", FakeEc2.error(400, "VolumeInUse"));
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo("IAAS_REQUEST_REJECTED");
    assertThat(failure.getOriginalMessage())
        .startsWith("Deleting volume vol-1 failed (VolumeInUse): ");
  }
}
