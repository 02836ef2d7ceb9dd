package io.pgfleet.workers.node;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a VM runs: {@code java … NodeAgentMain <path-to-agent.json>}. One agent polls the VM's task
 * queue on the configured Temporal frontend until SIGTERM; PostgreSQL and pgpool keep running. The
 * configuration must carry the payload codec keys: every payload it exchanges is encrypted.
 */
public final class NodeAgentMain {

  private static final Logger log = LoggerFactory.getLogger(NodeAgentMain.class);

  private NodeAgentMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: NodeAgentMain <path-to-agent.json>");
      System.exit(2);
    }
    NodeAgentConfig config = NodeAgentConfig.read(Path.of(args[0]));
    String keys = config.temporal().codecKeys();
    if (keys == null || keys.isBlank()) {
      System.err.println(
          "node agent: "
              + args[0]
              + " has no temporal.codec_keys: the node-agent job needs the property"
              + " pgfleet.codec.keys (the control plane's payload codec keys, from CredHub)");
      System.exit(2);
    }
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(config.temporal().address())
                .build());
    WorkflowClient client =
        WorkflowClient.newInstance(service, NodeAgent.clientOptions(config.temporal()));
    NodeAgent agent = NodeAgent.start(config, client);
    log.info(
        "node agent of VM {} ({}/{}) polls {} on {}",
        config.vmId(),
        config.instanceGroup(),
        config.index(),
        config.taskQueue(),
        config.temporal().address());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  agent.close();
                  service.shutdown();
                  stopped.countDown();
                },
                "node-agent-shutdown"));
    stopped.await();
  }
}
