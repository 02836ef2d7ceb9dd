package io.pgfleet.workers.node;

import io.pgfleet.activities.host.HostEnvironment;
import io.pgfleet.activities.host.PgpoolHostActivitiesImpl;
import io.pgfleet.activities.host.PostgresHostActivitiesImpl;
import io.pgfleet.codec.EncryptionKeys;
import io.pgfleet.codec.PgfleetDataConverter;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.util.List;
import java.util.Optional;

/**
 * The node agent of one VM: a Temporal worker on the VM's own task queue that runs the host
 * activities for that VM, and a {@link FailureReporter} that signals the cluster's workflow what
 * the data plane here sees fail. Several agents may share one process (and one WorkflowClient),
 * each with its own worker factory so one VM's agent stops without touching the others.
 */
public final class NodeAgent implements AutoCloseable {

  private final NodeAgentConfig config;
  private final WorkerFactory factory;
  private final Optional<FailureReporter> reporter;

  private NodeAgent(
      NodeAgentConfig config, WorkerFactory factory, Optional<FailureReporter> reporter) {
    this.config = config;
    this.factory = factory;
    this.reporter = reporter;
  }

  /** Starts polling {@code config.taskQueue()} and reporting; returns once the worker runs. */
  public static NodeAgent start(NodeAgentConfig config, WorkflowClient client) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    Worker worker = factory.newWorker(config.taskQueue());
    worker.registerActivitiesImplementations(HostActivitiesFactory.create(config).toArray());
    factory.start();
    Optional<FailureReporter> reporter =
        FailureReporter.start(
            config,
            HostEnvironments.from(config),
            new TemporalFailureSignals(client),
            System::currentTimeMillis);
    return new NodeAgent(config, factory, reporter);
  }

  /**
   * Options of a client for {@code target}: its namespace and, when it has codec keys, the payload
   * codec every pgfleet client shares (without it the agent could not read its activities' inputs).
   */
  public static WorkflowClientOptions clientOptions(NodeAgentConfig.Temporal target) {
    WorkflowClientOptions.Builder options =
        WorkflowClientOptions.newBuilder().setNamespace(target.namespace());
    if (target.codecKeys() != null && !target.codecKeys().isBlank()) {
      options.setDataConverter(
          PgfleetDataConverter.create(EncryptionKeys.fromSetting(target.codecKeys())));
    }
    return options.build();
  }

  public NodeAgentConfig config() {
    return config;
  }

  /** Stops polling and reporting. Processes the agent started (PostgreSQL, pgpool) keep running. */
  @Override
  public void close() {
    reporter.ifPresent(FailureReporter::close);
    factory.shutdownNow();
  }

  /** Builds the activity implementations for one VM from its configuration. */
  static final class HostActivitiesFactory {
    private HostActivitiesFactory() {}

    static List<Object> create(NodeAgentConfig config) {
      HostEnvironment env = HostEnvironments.from(config);
      return List.of(
          new PostgresHostActivitiesImpl(env),
          new PgpoolHostActivitiesImpl(env, HostEnvironments.pgpoolWatchdog(config)));
    }
  }
}
