package io.pgfleet.workflows.failover;

/** A yes/no at a failover branch and the sentence that explains it (asserted in tests). */
public record Decision(boolean yes, String reason) {

  public static Decision yes(String reason) {
    return new Decision(true, reason);
  }

  public static Decision no(String reason) {
    return new Decision(false, reason);
  }
}
