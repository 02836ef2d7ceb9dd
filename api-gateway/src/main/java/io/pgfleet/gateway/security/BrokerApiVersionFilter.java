package io.pgfleet.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires {@code X-Broker-API-Version} 2.13 or later within major version 2: the broker relies on
 * 2.13 features (context, instance retrieval, async polling with operation ids).
 */
public class BrokerApiVersionFilter extends OncePerRequestFilter {

  public static final String HEADER = "X-Broker-API-Version";

  /** Platforms may tag requests for tracing; the spec asks brokers to echo it. */
  public static final String REQUEST_IDENTITY = "X-Broker-API-Request-Identity";

  static final int MAJOR = 2;
  static final int MIN_MINOR = 13;
  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)");

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String identity = request.getHeader(REQUEST_IDENTITY);
    if (identity != null) {
      response.setHeader(REQUEST_IDENTITY, identity);
    }
    String version = request.getHeader(HEADER);
    if (!supported(version)) {
      ErrorWriter.write(
          response,
          HttpServletResponse.SC_PRECONDITION_FAILED,
          (version == null
                  ? "the " + HEADER + " header is missing"
                  : HEADER + " " + version + " is not supported")
              + "; this broker implements Open Service Broker API 2.17 and needs 2."
              + MIN_MINOR
              + " or later");
      return;
    }
    chain.doFilter(request, response);
  }

  static boolean supported(String version) {
    if (version == null) {
      return false;
    }
    Matcher m = VERSION.matcher(version.trim());
    if (!m.matches()) {
      return false;
    }
    try {
      return Integer.parseInt(m.group(1)) == MAJOR && Integer.parseInt(m.group(2)) >= MIN_MINOR;
    } catch (NumberFormatException e) {
      return false; // digits beyond int range
    }
  }
}
