package io.pgfleet.activities.backup;

import io.pgfleet.workflows.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;

/** Deletes objects in batches; a key that is gone already counts as deleted (S3 semantics). */
final class S3Deletes {

  /** S3's limit of keys per DeleteObjects request. */
  private static final int BATCH = 1000;

  private S3Deletes() {}

  static void delete(S3Repository repository, List<String> keys) {
    for (int from = 0; from < keys.size(); from += BATCH) {
      List<ObjectIdentifier> batch =
          keys.subList(from, Math.min(keys.size(), from + BATCH)).stream()
              .map(key -> ObjectIdentifier.builder().key(key).build())
              .toList();
      String what = "deleting " + batch.size() + " objects from " + batch.get(0).key();
      DeleteObjectsResponse response =
          S3Calls.call(
              what,
              () ->
                  repository.s3.deleteObjects(
                      b -> b.bucket(repository.bucket).delete(d -> d.objects(batch).quiet(true))));
      if (response.hasErrors() && !response.errors().isEmpty()) {
        // e.g. a throttled or briefly failing key: the next attempt deletes what is left
        throw ApplicationFailure.newFailure(
            "Backup catalog: "
                + what
                + " failed for "
                + response.errors().stream()
                    .map(S3Deletes::describe)
                    .collect(Collectors.joining(", ")),
            FailureType.OBJECT_STORE_UNAVAILABLE.name());
      }
    }
  }

  private static String describe(S3Error error) {
    return error.key() + " (" + error.code() + ": " + error.message() + ")";
  }
}
