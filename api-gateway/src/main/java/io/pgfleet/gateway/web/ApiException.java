package io.pgfleet.gateway.web;

import org.springframework.http.HttpStatus;

/**
 * A request the gateway answers with an error of its own choosing (status, optional OSB error code,
 * description).
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String error;

  public ApiException(HttpStatus status, String error, String description) {
    super(description);
    this.status = status;
    this.error = error;
  }

  public static ApiException badRequest(String description) {
    return new ApiException(HttpStatus.BAD_REQUEST, null, description);
  }

  public static ApiException notFound(String description) {
    return new ApiException(HttpStatus.NOT_FOUND, null, description);
  }

  public static ApiException conflict(String description) {
    return new ApiException(HttpStatus.CONFLICT, null, description);
  }

  public static ApiException concurrency(String description) {
    return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "ConcurrencyError", description);
  }

  public HttpStatus status() {
    return status;
  }

  public ErrorBody body() {
    return new ErrorBody(error, getMessage());
  }
}
