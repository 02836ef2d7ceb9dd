package io.pgfleet.activities.bosh;

import java.util.List;

/**
 * One line of a task's event log ({@code GET /tasks/:id/output?type=event}). Three kinds share it:
 * stage events ({@code stage}, {@code task}, {@code state} started|in_progress|finished|failed,
 * optional {@code data.error}), warnings ({@code type = "warning"}, {@code message}) and error
 * events ({@code error.code}, {@code error.message}). Every field but {@code time} may be null.
 */
public record BoshEvent(
    Long time,
    String type,
    String stage,
    List<String> tags,
    Integer total,
    String task,
    Integer index,
    String state,
    Integer progress,
    Data data,
    String message,
    Failure error) {

  public record Data(String error) {}

  public record Failure(Integer code, String message) {}

  public boolean isWarning() {
    return "warning".equals(type);
  }

  public boolean isError() {
    return error != null;
  }

  public boolean isFailedStage() {
    return "failed".equals(state);
  }

  /** The error text of an error event or of a failed stage, else null. */
  public String errorMessage() {
    if (error != null) {
      return error.message();
    }
    return data == null ? null : data.error();
  }

  /** The Director error code of an error event, else null. */
  public Integer errorCode() {
    return error == null ? null : error.code();
  }
}
