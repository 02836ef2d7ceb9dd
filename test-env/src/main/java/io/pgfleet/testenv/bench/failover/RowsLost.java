package io.pgfleet.testenv.bench.failover;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Acknowledged writes that the (new) primary does not have. */
public final class RowsLost {

  private RowsLost() {}

  /** The probe keys of {@code acks} missing from {@code present}, in acknowledgement order. */
  public static List<Long> missing(Collection<Ack> acks, Set<Long> present) {
    return acks.stream().map(Ack::n).filter(n -> !present.contains(n)).toList();
  }
}
