package io.pgfleet.testenv.cloud.task;

/** The Director keeps a task's result short: 128 characters, cut at a word, then "...". */
final class ResultText {

  static final int MAX_LENGTH = 128;

  private ResultText() {}

  static String truncate(String text) {
    String stripped = text == null ? "" : text.strip();
    if (stripped.length() <= MAX_LENGTH) {
      return stripped;
    }
    String cut = stripped.substring(0, MAX_LENGTH + 1);
    return cut.replaceFirst("\\s+?(\\S+)?$", "") + "...";
  }
}
