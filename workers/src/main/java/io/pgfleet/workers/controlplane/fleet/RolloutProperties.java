package io.pgfleet.workers.controlplane.fleet;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The fleet's regular rollout ({@code pgfleet.rollout.*}): every {@code interval} a rollout of
 * every cluster, recreating its VMs with the worker's current manifest (release and stemcell).
 *
 * @param scheduled whether the worker keeps the Temporal Schedule {@code rollout/regular}; false
 *     deletes it
 * @param interval time between rollouts (bi-weekly by default)
 * @param canaries clusters updated first, alone
 * @param maxInFlight clusters updated at once after the canaries
 * @param maxFailureRatio the rollout pauses itself above this share of failed clusters
 * @param canaryHealthWait how long canaries must stay healthy before the waves start
 */
@ConfigurationProperties("pgfleet.rollout")
public record RolloutProperties(
    @DefaultValue("true") boolean scheduled,
    @DefaultValue("14d") Duration interval,
    @DefaultValue("1") int canaries,
    @DefaultValue("5") int maxInFlight,
    @DefaultValue("0.2") double maxFailureRatio,
    @DefaultValue("10m") Duration canaryHealthWait) {}
