package io.pgfleet.testenv.cloud.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;

/** What an activity or an SDK call failed with. */
final class Failures {

  private Failures() {}

  static ApplicationFailure activityFailure(ThrowingCallable call) {
    ActivityFailure failure = catchThrowableOfType(ActivityFailure.class, call);
    assertThat(failure).as("the activity fails").isNotNull();
    assertThat(failure.getCause()).isInstanceOf(ApplicationFailure.class);
    return (ApplicationFailure) failure.getCause();
  }

  static Ec2Exception ec2Error(ThrowingCallable call) {
    Ec2Exception error = catchThrowableOfType(Ec2Exception.class, call);
    assertThat(error).as("EC2 answers with an error").isNotNull();
    return error;
  }
}
