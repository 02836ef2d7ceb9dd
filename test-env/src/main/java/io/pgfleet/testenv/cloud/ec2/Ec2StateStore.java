package io.pgfleet.testenv.cloud.ec2;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.pgfleet.testenv.cloud.state.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * {@code <state>/ec2.json}, rewritten atomically (temporary file, fsync, rename) on every change,
 * like the Director's own state file: a crash leaves the old or the new state.
 */
final class Ec2StateStore {

  static final String FILE_NAME = "ec2.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path file;
  private Ec2State state;

  private Ec2StateStore(Path file, Ec2State state) {
    this.file = file;
    this.state = state;
  }

  static Ec2StateStore open(Path stateDir) throws IOException {
    Path file = stateDir.resolve(FILE_NAME);
    Ec2State state =
        Files.exists(file) ? JSON.readValue(file.toFile(), Ec2State.class) : Ec2State.empty();
    return new Ec2StateStore(file, state);
  }

  synchronized Ec2State get() {
    return state;
  }

  synchronized Ec2State update(UnaryOperator<Ec2State> change) {
    Ec2State next = change.apply(state);
    if (next != state) {
      write(next);
      state = next;
    }
    return next;
  }

  private void write(Ec2State value) {
    try {
      AtomicFiles.write(file, JSON.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the EC2 API's state " + file, e);
    }
  }
}
