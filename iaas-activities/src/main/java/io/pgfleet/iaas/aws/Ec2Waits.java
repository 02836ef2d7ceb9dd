package io.pgfleet.iaas.aws;

import java.time.Duration;

/**
 * How the adapter waits for EC2's asynchronous state changes. Each limit bounds one activity
 * attempt; past it the attempt fails retryably and the next one waits on.
 *
 * @param pollInterval between two Describe calls: well inside EC2's request rate limits
 */
public record Ec2Waits(
    Duration pollInterval, Duration powerOff, Duration snapshot, Duration volume) {

  /**
   * A forced stop takes EC2 tens of seconds; a first snapshot of a large volume can take hours, but
   * an attempt only needs to outlive its heartbeats; a volume from a snapshot is available in about
   * a minute, and an attach or detach (which share the volume limit) takes seconds.
   */
  public static final Ec2Waits DEFAULT =
      new Ec2Waits(
          Duration.ofSeconds(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(30),
          Duration.ofMinutes(10));
}
