package io.pgfleet.testenv.codec;

import io.pgfleet.workflows.cluster.BindingCredentials;
import io.pgfleet.workflows.cluster.ClusterSecrets;
import io.pgfleet.workflows.host.PostgresCredentials;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;

/**
 * Moves secrets the way the cluster workflow does: a workflow input, an activity input, an activity
 * result, an activity failure whose message quotes a password, a query answer and a workflow
 * result.
 */
@WorkflowInterface
public interface SecretCarrierWorkflow {

  @WorkflowMethod
  BindingCredentials bind(ClusterSecrets secrets);

  @QueryMethod
  String lastFailure();

  @ActivityInterface
  interface HostCalls {
    BindingCredentials createRole(PostgresCredentials credentials);

    void loginWith(String password);
  }

  class Impl implements SecretCarrierWorkflow {

    private static final ActivityOptions ONE_TRY =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(10))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build();

    private final HostCalls host = Workflow.newActivityStub(HostCalls.class, ONE_TRY);
    private String lastFailure = "";

    @Override
    public BindingCredentials bind(ClusterSecrets secrets) {
      BindingCredentials credentials =
          host.createRole(
              new PostgresCredentials(
                  secrets.superuserPassword(), "replicator", secrets.replicationPassword()));
      try {
        host.loginWith(credentials.password());
      } catch (ActivityFailure e) {
        lastFailure = ((ApplicationFailure) e.getCause()).getOriginalMessage();
      }
      return credentials;
    }

    @Override
    public String lastFailure() {
      return lastFailure;
    }
  }

  /** Derives the binding password from the superuser's, so it is a secret the test knows. */
  class Host implements HostCalls {
    @Override
    public BindingCredentials createRole(PostgresCredentials credentials) {
      String password = "bind-" + credentials.superuserPassword();
      return new BindingCredentials(
          "postgresql://app:" + password + "@127.0.0.1:9999/app",
          "jdbc:postgresql://127.0.0.1:9999/app",
          "app",
          password,
          "app",
          List.of("127.0.0.1:9999"));
    }

    @Override
    public void loginWith(String password) {
      throw ApplicationFailure.newNonRetryableFailure(
          "password authentication failed for password " + password, "AUTH");
    }
  }
}
