package io.pgfleet.activities.backup;

import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** One S3 request of the catalog, its SDK failure turned into the failure types workflows see. */
final class S3Calls {

  private S3Calls() {}

  /** Lets NoSuchKeyException through: callers decide whether a missing object is an error. */
  static <T> T call(String what, Supplier<T> action) {
    try {
      return action.get();
    } catch (NoSuchKeyException e) {
      throw e;
    } catch (SdkException e) {
      throw S3Failures.toFailure("Backup catalog: " + what, e);
    }
  }
}
