package io.pgfleet.testenv.cloud.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The Director's memory: one JSON file, {@code <state>/director.json}, rewritten atomically (write
 * a temporary file, fsync, rename) on every change so a crash leaves either the old or the new
 * state, never half of one. All changes go through {@link #update}, which serializes them.
 */
public final class StateStore {

  public static final String FILE_NAME = "director.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path file;
  private DirectorState state;

  private StateStore(Path file, DirectorState state) {
    this.file = file;
    this.state = state;
  }

  /** Loads {@code <stateDir>/director.json}, or starts empty with a new Director uuid. */
  public static StateStore open(Path stateDir) throws IOException {
    Files.createDirectories(stateDir);
    Path file = stateDir.resolve(FILE_NAME);
    if (Files.exists(file)) {
      return new StateStore(file, JSON.readValue(file.toFile(), DirectorState.class));
    }
    StateStore store = new StateStore(file, DirectorState.empty(UUID.randomUUID().toString()));
    store.write(store.state);
    return store;
  }

  public synchronized DirectorState get() {
    return state;
  }

  /** Applies a change and persists the result before anyone else can see it. */
  public synchronized DirectorState update(UnaryOperator<DirectorState> change) {
    DirectorState next = change.apply(state);
    if (next != state) {
      write(next);
      state = next;
    }
    return next;
  }

  public Optional<DeploymentRecord> deployment(String name) {
    return get().deployment(name);
  }

  public Optional<TaskRecord> task(long id) {
    return get().task(id);
  }

  /**
   * Replaces one instance of a deployment (no-op if the deployment is gone). The stored ignore flag
   * wins over the given record's: only {@link #setIgnore} changes it, so a task writing a record it
   * read before an ignore request cannot undo that request.
   */
  public void putInstance(String deployment, InstanceRecord instance) {
    update(
        s ->
            s.deployment(deployment)
                .map(
                    d -> {
                      boolean ignore =
                          d.instanceById(instance.id())
                              .map(InstanceRecord::ignore)
                              .orElse(instance.ignore());
                      return s.withDeployment(d.withInstance(instance.withIgnore(ignore)));
                    })
                .orElse(s));
  }

  /** Sets one instance's ignore flag; false when the deployment has no such instance. */
  public boolean setIgnore(String deployment, String instanceId, boolean ignore) {
    boolean[] found = {false};
    update(
        s ->
            s.deployment(deployment)
                .flatMap(
                    d ->
                        d.instanceById(instanceId)
                            .map(
                                i -> {
                                  found[0] = true;
                                  return s.withDeployment(d.withInstance(i.withIgnore(ignore)));
                                }))
                .orElse(s));
    return found[0];
  }

  private void write(DirectorState value) {
    try {
      AtomicFiles.write(file, JSON.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write Director state " + file, e);
    }
  }
}
