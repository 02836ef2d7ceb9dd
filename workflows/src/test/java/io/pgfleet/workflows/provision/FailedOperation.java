package io.pgfleet.workflows.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.operation.OperationView;
import io.temporal.client.WorkflowFailedException;
import io.temporal.failure.ApplicationFailure;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Runs an operation that must fail and returns the view its failure carries. */
public final class FailedOperation {

  private FailedOperation() {}

  public static OperationView viewOf(ThrowingCallable operation) {
    WorkflowFailedException failed = catchThrowableOfType(WorkflowFailedException.class, operation);
    assertThat(failed).as("the operation workflow failed").isNotNull();
    assertThat(failed.getCause()).isInstanceOf(ApplicationFailure.class);
    ApplicationFailure failure = (ApplicationFailure) failed.getCause();
    assertThat(failure.getType()).isEqualTo(FailureType.OPERATION_FAILED.name());
    assertThat(failure.isNonRetryable()).isTrue();
    OperationView view = failure.getDetails().get(0, OperationView.class);
    assertThat(failure.getOriginalMessage()).isEqualTo(view.error());
    return view;
  }
}
