package io.pgfleet.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/** HTTP basic authentication of platforms on the Open Service Broker API (/v2/**). */
public class BrokerAuthenticationFilter extends OncePerRequestFilter {

  private static final String BASIC = "Basic ";

  private final String username;
  private final String password;

  public BrokerAuthenticationFilter(String username, String password) {
    this.username = username;
    this.password = password;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
      reject(response, "HTTP basic authentication is required");
      return;
    }
    String[] credentials = decode(header.substring(BASIC.length()).trim());
    // Both comparisons always run, so timing does not reveal which part was wrong.
    boolean userMatches = Secrets.matches(username, credentials[0]);
    boolean passwordMatches = Secrets.matches(password, credentials[1]);
    if (!(userMatches & passwordMatches)) {
      reject(response, "wrong broker username or password");
      return;
    }
    chain.doFilter(request, response);
  }

  private static String[] decode(String encoded) {
    try {
      String pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      return colon < 0
          ? new String[] {pair, null}
          : new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return new String[] {null, null};
    }
  }

  private static void reject(HttpServletResponse response, String description) throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"pgfleet broker\"");
    ErrorWriter.write(response, HttpServletResponse.SC_UNAUTHORIZED, description);
  }
}
