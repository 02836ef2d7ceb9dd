package io.pgfleet.activities.host;

import io.pgfleet.workflows.FailureType;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server log written since a recovery's start ({@code pg_ctl -l} appends every start to one
 * file): PostgreSQL's own words on where recovery stopped or why it gave up.
 */
final class RecoveryLog {

  /** Recovery logs a few lines per timeline and segment; more than this is someone else's noise. */
  static final int MAX_BYTES = 4 * 1024 * 1024;

  private static final String STOPPING = "recovery stopping ";
  private static final Pattern FAILURE = Pattern.compile("\\b(FATAL|PANIC):\\s");

  /** FATALs of client connections turned away while the server starts, not of the server. */
  private static final List<String> CONNECTION_REFUSALS =
      List.of(
          "the database system is starting up",
          "the database system is not yet accepting connections",
          "the database system is not accepting connections",
          "the database system is shutting down",
          "password authentication failed",
          "no pg_hba.conf entry",
          "terminating connection");

  private static final Pattern REDO_DONE = Pattern.compile("redo done at ([0-9A-F]+/[0-9A-F]+)");

  private final String text;

  RecoveryLog(String text) {
    this.text = text;
  }

  /** The log after {@code offset} (its last {@link #MAX_BYTES}); empty when there is none. */
  static RecoveryLog read(Path file, long offset) {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long start = Math.max(Math.min(offset, in.length()), in.length() - MAX_BYTES);
      byte[] bytes = new byte[(int) (in.length() - start)];
      in.seek(start);
      in.readFully(bytes);
      return new RecoveryLog(new String(bytes, StandardCharsets.UTF_8));
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      return new RecoveryLog("");
    } catch (IOException e) {
      throw HostFailures.of(
          FailureType.HOST_COMMAND_FAILED, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The log's current size: a recovery started now logs after it. */
  static long size(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** "recovery stopping before commit of transaction 745, time …", if recovery met a target. */
  Optional<String> stopReason() {
    String found = null;
    for (String line : text.split("\n")) {
      int at = line.indexOf(STOPPING);
      if (at >= 0) {
        found = line.substring(at).strip();
      }
    }
    return Optional.ofNullable(found);
  }

  /** The server's last FATAL or PANIC line (refused client connections aside). */
  Optional<String> failure() {
    String any = null;
    String server = null;
    for (String line : text.split("\n")) {
      if (FAILURE.matcher(line).find()) {
        any = line.strip();
        if (CONNECTION_REFUSALS.stream().noneMatch(line::contains)) {
          server = line.strip();
        }
      }
    }
    return Optional.ofNullable(server != null ? server : any);
  }

  /** Where redo ended ("redo done at …"): the start of the last record replayed. */
  Optional<String> redoDoneAt() {
    Matcher m = REDO_DONE.matcher(text);
    String found = null;
    while (m.find()) {
      found = m.group(1);
    }
    return Optional.ofNullable(found);
  }

  /** The last lines, for a failure without a FATAL line. */
  String tail() {
    return OutputBuffer.tail(text, OutputBuffer.MESSAGE_TAIL);
  }
}
