package io.pgfleet.gateway.web;

import io.pgfleet.gateway.clusters.ConcurrencyException;
import io.pgfleet.gateway.clusters.ConflictException;
import io.pgfleet.gateway.clusters.InvalidRequestException;
import io.pgfleet.gateway.clusters.NotFoundException;
import io.pgfleet.gateway.clusters.OperationFailedException;
import io.pgfleet.gateway.clusters.UnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every error leaves as {@link ErrorBody} with a description; nothing internal is echoed. */
@RestControllerAdvice
public class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ErrorBody> api(ApiException e) {
    return ResponseEntity.status(e.status()).body(e.body());
  }

  @ExceptionHandler(ConflictException.class)
  ResponseEntity<ErrorBody> conflict(ConflictException e) {
    return error(HttpStatus.CONFLICT, null, e.getMessage());
  }

  @ExceptionHandler(ConcurrencyException.class)
  ResponseEntity<ErrorBody> concurrency(ConcurrencyException e) {
    return error(HttpStatus.UNPROCESSABLE_ENTITY, "ConcurrencyError", e.getMessage());
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ErrorBody> notFound(NotFoundException e) {
    return error(HttpStatus.NOT_FOUND, null, e.getMessage());
  }

  @ExceptionHandler(InvalidRequestException.class)
  ResponseEntity<ErrorBody> invalid(InvalidRequestException e) {
    return error(HttpStatus.BAD_REQUEST, null, e.getMessage());
  }

  @ExceptionHandler(UnavailableException.class)
  ResponseEntity<ErrorBody> unavailable(UnavailableException e) {
    log.warn("{}", e.getMessage(), e);
    return error(HttpStatus.SERVICE_UNAVAILABLE, null, e.getMessage());
  }

  @ExceptionHandler(OperationFailedException.class)
  ResponseEntity<ErrorBody> failed(OperationFailedException e) {
    log.warn("{}", e.getMessage(), e);
    return error(HttpStatus.INTERNAL_SERVER_ERROR, null, e.getMessage());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException e) {
    return error(HttpStatus.BAD_REQUEST, null, "the request body is missing or not valid JSON");
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ErrorBody> missingParameter(MissingServletRequestParameterException e) {
    return error(
        HttpStatus.BAD_REQUEST,
        null,
        "the query parameter " + e.getParameterName() + " is required");
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ErrorBody> mediaType(HttpMediaTypeNotSupportedException e) {
    return error(
        HttpStatus.BAD_REQUEST,
        null,
        "the request body must be JSON (Content-Type: application/json)");
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ErrorBody> method(HttpRequestMethodNotSupportedException e) {
    return error(
        HttpStatus.METHOD_NOT_ALLOWED, null, e.getMethod() + " is not supported on this path");
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ErrorBody> noResource(NoResourceFoundException e) {
    return error(HttpStatus.NOT_FOUND, null, "no such endpoint: /" + e.getResourcePath());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ErrorBody> unexpected(Exception e) {
    log.error("Request failed unexpectedly", e);
    return error(
        HttpStatus.INTERNAL_SERVER_ERROR, null, "internal error; the gateway log has the details");
  }

  private static ResponseEntity<ErrorBody> error(HttpStatus status, String code, String text) {
    return ResponseEntity.status(status).body(new ErrorBody(code, text));
  }
}
