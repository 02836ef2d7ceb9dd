package io.pgfleet.testenv.cloud.ec2;

/** An EC2 error response: code and message as EC2 words them, with EC2's HTTP status. */
final class Ec2Error extends RuntimeException {

  static final int BAD_REQUEST = 400;
  static final int UNAUTHORIZED = 401;
  static final int PRECONDITION_FAILED = 412;
  static final int SERVER_ERROR = 500;

  private final String code;
  private final int status;

  Ec2Error(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  String code() {
    return code;
  }

  int status() {
    return status;
  }

  static Ec2Error authFailure() {
    return new Ec2Error(
        UNAUTHORIZED,
        "AuthFailure",
        "AWS was not able to validate the provided access credentials");
  }

  static Ec2Error missingParameter(String name) {
    return new Ec2Error(
        BAD_REQUEST, "MissingParameter", "The request must contain the parameter " + name);
  }

  static Ec2Error invalidParameter(String message) {
    return new Ec2Error(BAD_REQUEST, "InvalidParameterValue", message);
  }

  static Ec2Error instanceNotFound(String id) {
    return new Ec2Error(
        BAD_REQUEST, "InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
  }

  static Ec2Error volumeNotFound(String id) {
    return new Ec2Error(
        BAD_REQUEST, "InvalidVolume.NotFound", "The volume '" + id + "' does not exist.");
  }

  static Ec2Error snapshotNotFound(String id) {
    return new Ec2Error(
        BAD_REQUEST, "InvalidSnapshot.NotFound", "The snapshot '" + id + "' does not exist.");
  }

  static Ec2Error incorrectState(String message) {
    return new Ec2Error(BAD_REQUEST, "IncorrectState", message);
  }
}
