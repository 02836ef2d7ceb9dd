package io.pgfleet.gateway.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pgfleet.gateway.web.ErrorBody;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;

/** Filters answer before Spring MVC runs, so they write the error JSON themselves. */
final class ErrorWriter {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ErrorWriter() {}

  static void write(HttpServletResponse response, int status, String description)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    MAPPER.writeValue(response.getOutputStream(), ErrorBody.of(description));
  }
}
