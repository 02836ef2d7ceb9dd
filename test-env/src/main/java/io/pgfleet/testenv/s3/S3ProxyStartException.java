package io.pgfleet.testenv.s3;

/** S3Proxy could not be started or did not become ready; the message says why and where. */
public final class S3ProxyStartException extends RuntimeException {

  public S3ProxyStartException(String message) {
    super(message);
  }

  public S3ProxyStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
