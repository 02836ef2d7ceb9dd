package io.pgfleet.testenv.cloud;

/**
 * An error the way the BOSH Director reports it: a numeric code from BOSH's {@code errors.rb} and
 * the HTTP status it answers with outside a task. Inside a task it becomes an error event and the
 * task's result; any other exception there gets the generic code 100.
 */
public final class DirectorError extends RuntimeException {

  public static final int GENERIC = 100;
  public static final int TASK_NOT_FOUND = 10000;
  public static final int TASK_CANCELLED = 10001;
  public static final int RELEASE_NOT_FOUND = 30005;
  public static final int INVALID_TYPE = 40000;
  public static final int MISSING_FIELD = 40001;
  public static final int VIOLATED_MIN = 40002;
  public static final int DEPLOYMENT_NOT_FOUND = 70000;
  public static final int INSTANCE_NOT_FOUND = 70001;
  public static final int INSTANCE_INVALID_INDEX = 70002;
  public static final int CONTEXT_ID_TOO_LONG = 70010;
  public static final int INSTANCE_GROUP_MISSING_RELEASE = 140001;
  public static final int INSTANCE_GROUP_UNKNOWN_RELEASE = 140002;
  public static final int INVALID_INSTANCE_STATE = 140007;
  public static final int JOB_INSTANCE_IGNORED = 140021;
  public static final int MISSING_NETWORK = 140009;
  public static final int INVALID_JOBS = 140010;
  public static final int DUPLICATE_INSTANCE_GROUP = 190006;
  public static final int UNKNOWN_JOB = 190011;
  public static final int INVALID_DISK = 190012;
  public static final int AGENT_JOB_NOT_RUNNING = 400007;
  public static final int ATTACH_DISK_UNKNOWN_INSTANCE = 520001;
  public static final int ATTACH_DISK_INVALID_INSTANCE_STATE = 520003;
  public static final int BAD_MANIFEST = 440001;

  private static final int BAD_REQUEST = 400;
  private static final int NOT_FOUND = 404;
  private static final int INTERNAL = 500;

  private final int code;
  private final int httpStatus;

  public DirectorError(int code, int httpStatus, String message) {
    super(message);
    this.code = code;
    this.httpStatus = httpStatus;
  }

  /** An error that only ever surfaces inside a task (its HTTP status is BOSH's default). */
  public static DirectorError inTask(int code, String message) {
    return new DirectorError(code, BAD_REQUEST, message);
  }

  public static DirectorError badRequest(int code, String message) {
    return new DirectorError(code, BAD_REQUEST, message);
  }

  public static DirectorError generic(String message) {
    return new DirectorError(GENERIC, INTERNAL, message);
  }

  public static DirectorError taskNotFound(String id) {
    return new DirectorError(TASK_NOT_FOUND, NOT_FOUND, "Task " + id + " not found");
  }

  public static DirectorError deploymentNotFound(String name) {
    return new DirectorError(
        DEPLOYMENT_NOT_FOUND, NOT_FOUND, "Deployment '" + name + "' doesn't exist");
  }

  public static DirectorError instanceNotFound(String deployment, String group, String indexOrId) {
    return new DirectorError(
        INSTANCE_NOT_FOUND,
        NOT_FOUND,
        "'" + deployment + "/" + group + "/" + indexOrId + "' doesn't exist");
  }

  public int code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
