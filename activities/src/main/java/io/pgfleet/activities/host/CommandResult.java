package io.pgfleet.activities.host;

/**
 * How a command ended.
 *
 * @param output stdout and stderr interleaved, at most {@link OutputBuffer#CAPACITY} characters
 *     (the end is kept)
 */
record CommandResult(int exitCode, String output) {

  boolean succeeded() {
    return exitCode == 0;
  }

  /** The last lines of output, short enough for a failure message. */
  String tail() {
    return OutputBuffer.tail(output, OutputBuffer.MESSAGE_TAIL);
  }
}
