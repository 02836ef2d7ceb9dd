package io.pgfleet.activities.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.postgres.PostgresEndpoint;
import io.pgfleet.workflows.postgres.ProbeInput;
import io.temporal.failure.ApplicationFailure;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class NodeProberTest {

  private static final PostgresEndpoint NODE = new PostgresEndpoint("127.0.9.2", 5432, "pw");

  @Test
  void roundsTheTimeoutUpToWholeSeconds() {
    assertThat(NodeProber.seconds(new ProbeInput(NODE, 1))).isEqualTo(1);
    assertThat(NodeProber.seconds(new ProbeInput(NODE, 1000))).isEqualTo(1);
    assertThat(NodeProber.seconds(new ProbeInput(NODE, 1001))).isEqualTo(2);
    assertThat(NodeProber.seconds(new ProbeInput(NODE, 2500))).isEqualTo(3);
  }

  @Test
  void onlyARefusedConnectionCountsAsRefused() {
    SQLException refused = wrap(new ConnectException("Connection refused"));
    SQLException timedOut = wrap(new SocketTimeoutException("Read timed out"));
    SQLException unreachable = wrap(new ConnectException("Network is unreachable"));

    assertThat(NodeProber.refused(refused)).isTrue();
    assertThat(NodeProber.refused(timedOut)).isFalse();
    assertThat(NodeProber.refused(unreachable)).isFalse();
    assertThat(NodeProber.refused(new SQLException("password authentication failed"))).isFalse();
  }

  @Test
  void aMissingNodeOrTimeoutIsABadInputNotAnUnreachableNode() {
    NodeProber prober = new NodeProber();

    assertThatThrownBy(() -> prober.probe(new ProbeInput(NODE, 0)))
        .isInstanceOf(ApplicationFailure.class)
        .extracting(e -> ((ApplicationFailure) e).getType())
        .isEqualTo(FailureType.INVALID_INPUT.name());
    assertThatThrownBy(() -> prober.probe(new ProbeInput(null, 1000)))
        .isInstanceOf(ApplicationFailure.class)
        .extracting(e -> ((ApplicationFailure) e).getType())
        .isEqualTo(FailureType.INVALID_INPUT.name());
  }

  private static SQLException wrap(Exception cause) {
    return new SQLException("connection failed", "08001", cause);
  }
}
