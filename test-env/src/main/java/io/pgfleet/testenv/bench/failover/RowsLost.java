package io.pgfleet.testenv.bench.failover;

import java.sql.Connection;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Acknowledged writes that the (new) primary does not have. */
public final class RowsLost {

  private RowsLost() {}

  /** The probe keys of {@code acks} missing from {@code present}, in acknowledgement order. */
  public static List<Long> missing(Collection<Ack> acks, Set<Long> present) {
    return acks.stream().map(Ack::n).filter(n -> !present.contains(n)).toList();
  }

  /**
   * How many acknowledged rows {@code endpoint}'s primary misses, each missing key reported on
   * {@code progress}; null when the rows cannot be read back: an unknown loss is not a zero loss.
   */
  public static Integer countOrNull(
      ProbeEndpoint endpoint,
      String system,
      String label,
      List<Ack> acks,
      Consumer<String> progress) {
    try (Connection connection = endpoint.connect()) {
      List<Long> missing = missing(acks, ProbeTable.keys(connection, label));
      if (!missing.isEmpty()) {
        progress.accept(system + ": acknowledged but missing: " + missing);
      }
      return missing.size();
    } catch (Exception e) {
      progress.accept(system + ": cannot read the probe rows back: " + e.getMessage());
      return null;
    }
  }
}
