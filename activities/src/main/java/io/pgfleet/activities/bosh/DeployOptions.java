package io.pgfleet.activities.bosh;

/**
 * Query parameters of {@code POST /deployments}. Null strings are left out.
 *
 * @param canaries a count, e.g. "1"
 * @param maxInFlight a count or a percentage, e.g. "30%"
 */
public record DeployOptions(
    boolean recreate, boolean fix, boolean skipDrain, String canaries, String maxInFlight) {

  public static DeployOptions defaults() {
    return new DeployOptions(false, false, false, null, null);
  }
}
