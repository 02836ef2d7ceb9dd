package io.pgfleet.gateway.config;

import io.pgfleet.codec.AesGcmPayloadCodec;
import io.pgfleet.codec.EncryptionKeys;
import io.pgfleet.codec.PgfleetDataConverter;
import io.pgfleet.gateway.clusters.BackupWorkflows;
import io.pgfleet.gateway.clusters.ClusterOperations;
import io.pgfleet.gateway.clusters.TemporalBackupWorkflows;
import io.pgfleet.gateway.clusters.TemporalClusterOperations;
import io.pgfleet.gateway.rollouts.Rollouts;
import io.pgfleet.gateway.rollouts.TemporalRollouts;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A Temporal client only: the gateway starts, updates and queries workflows but runs none. */
@Configuration(proxyBeanMethods = false)
public class TemporalConfiguration {

  /**
   * How long a call keeps retrying while Temporal is unreachable. Platforms give up on a broker
   * request after about 60 s; answering 503 well before that lets them retry cleanly.
   */
  private static final Duration RPC_RETRY_EXPIRATION = Duration.ofSeconds(15);

  /** Connects lazily, so the gateway starts (and reports health) before Temporal is up. */
  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(GatewayProperties properties) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget(properties.temporal().address())
            .setRpcRetryOptions(
                RpcRetryOptions.newBuilder()
                    .setExpiration(RPC_RETRY_EXPIRATION)
                    .validateBuildWithDefaults())
            .build());
  }

  /** The codec of every pgfleet client; the codec endpoint (/codec) serves the UI with it. */
  @Bean
  AesGcmPayloadCodec payloadCodec(GatewayProperties properties) {
    return new AesGcmPayloadCodec(EncryptionKeys.fromSetting(properties.codec().keys()));
  }

  @Bean
  WorkflowClient workflowClient(
      WorkflowServiceStubs stubs, GatewayProperties properties, AesGcmPayloadCodec codec) {
    return WorkflowClient.newInstance(
        stubs,
        WorkflowClientOptions.newBuilder()
            .setNamespace(properties.temporal().namespace())
            .setDataConverter(PgfleetDataConverter.create(codec))
            .build());
  }

  @Bean
  ClusterOperations clusterOperations(WorkflowClient client) {
    return new TemporalClusterOperations(client);
  }

  @Bean
  Rollouts rollouts(WorkflowClient client) {
    return new TemporalRollouts(client);
  }

  @Bean
  BackupWorkflows backupWorkflows(WorkflowClient client) {
    return new TemporalBackupWorkflows(client);
  }
}
