package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.pgfleet.workflows.FailureType;
import io.pgfleet.workflows.host.PgpoolBackendStatus;
import io.pgfleet.workflows.host.PgpoolNodeStatus;
import io.pgfleet.workflows.host.RerouteInput;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Which PCP commands reroute and attach issue for a given pgpool view (pgpool itself mocked). */
class PgpoolRoutingTest {

  private static final CommandResult OK = new CommandResult(0, "");

  private final PgpoolStatusReader reader = mock(PgpoolStatusReader.class);
  private final PcpCommands pcp = mock(PcpCommands.class);
  private final PgpoolRouting routing =
      new PgpoolRouting(TestEnvironments.vm(Path.of("/nonexistent")), reader, pcp);

  @Test
  void aPgpoolThatRoutesAsAskedIsLeftAlone() {
    when(reader.read()).thenReturn(view("down", "standby", "up", "primary"));

    PgpoolNodeStatus status = routing.reroute(new RerouteInput(1, List.of(0)));

    assertThat(status.backends().get(1).role()).isEqualTo("primary");
    verify(pcp, never()).detach(anyInt());
    verify(pcp, never()).promote(anyInt());
  }

  @Test
  void detachesTheFencedBackendAndLetsPgpoolFindThePrimary() {
    when(reader.read())
        .thenReturn(view("up", "primary", "up", "standby"))
        .thenReturn(view("down", "standby", "up", "primary"));
    when(pcp.detach(0)).thenReturn(OK);

    routing.reroute(new RerouteInput(1, List.of(0)));

    verify(pcp).detach(0);
    verify(pcp, never()).promote(anyInt());
  }

  @Test
  void promotesTheBackendInPgpoolWhenItsOwnSearchFoundNoPrimary() {
    AtomicBoolean promoted = new AtomicBoolean();
    when(reader.read())
        .thenAnswer(call -> view("down", "standby", "up", promoted.get() ? "primary" : "standby"));
    when(pcp.promote(1))
        .thenAnswer(
            call -> {
              promoted.set(true);
              return OK;
            });

    routing.reroute(new RerouteInput(1, List.of(0)));

    verify(pcp, never()).detach(anyInt());
    verify(pcp).promote(1);
  }

  @Test
  void refusesABackendPgpoolDoesNotHave() {
    when(reader.read()).thenReturn(view("up", "primary", "up", "standby"));

    assertThatThrownBy(() -> routing.reroute(new RerouteInput(1, List.of(2))))
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("no backend 2")
        .extracting(e -> ((ApplicationFailure) e).getType())
        .isEqualTo(FailureType.INVALID_INPUT.name());
  }

  @Test
  void attachesOnlyABackendThatIsNotUp() {
    when(reader.read())
        .thenReturn(view("down", "standby", "up", "primary"))
        .thenReturn(view("up", "standby", "up", "primary"));
    when(pcp.attach(0)).thenReturn(OK);

    routing.attach(0);
    routing.attach(0);

    verify(pcp).attach(0);
  }

  private static PgpoolNodeStatus view(String s0, String r0, String s1, String r1) {
    return new PgpoolNodeStatus(
        "127.0.9.4",
        9999,
        true,
        List.of(
            new PgpoolBackendStatus(0, "127.0.9.2", 5432, s0, r0),
            new PgpoolBackendStatus(1, "127.0.9.3", 5432, s1, r1)));
  }
}
