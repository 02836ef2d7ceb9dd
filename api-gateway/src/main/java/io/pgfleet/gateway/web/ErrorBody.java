package io.pgfleet.gateway.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Every error answer of the gateway (the OSB error shape).
 *
 * @param error an OSB error code (AsyncRequired, ConcurrencyError …) or absent
 * @param description a sentence for humans naming what was wrong
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String description) {

  public static ErrorBody of(String description) {
    return new ErrorBody(null, description);
  }
}
