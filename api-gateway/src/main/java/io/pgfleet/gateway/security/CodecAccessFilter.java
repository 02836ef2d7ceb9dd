package io.pgfleet.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may use the codec endpoint (/codec), a decryption service: a caller with the admin bearer
 * token (the CLI: {@code --codec-auth "Bearer …"}), or a browser at an allowed Web UI origin. The
 * Temporal UI of the dev server cannot send a token, so the origin is what admits it; a browser
 * always sends the true Origin, so no other web page can use the endpoint. A non-browser client can
 * forge the header, which is acceptable for a gateway bound to loopback; a shared deployment sets
 * pgfleet.codec.allowed-origins empty and requires the token from everyone.
 */
public class CodecAccessFilter extends OncePerRequestFilter {

  private static final String BEARER = "Bearer ";

  private final String token;
  private final Set<String> allowedOrigins;

  public CodecAccessFilter(String token, List<String> allowedOrigins) {
    this.token = token;
    this.allowedOrigins = Set.copyOf(allowedOrigins);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    // A CORS preflight carries no credentials; Spring's CORS handling answers it by origin.
    boolean preflight = "OPTIONS".equals(request.getMethod());
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (preflight || hasToken(request) || (origin != null && allowedOrigins.contains(origin))) {
      chain.doFilter(request, response);
      return;
    }
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"pgfleet codec\"");
    ErrorWriter.write(
        response,
        HttpServletResponse.SC_UNAUTHORIZED,
        "the codec endpoint needs the admin token (Authorization: Bearer <PGFLEET_ADMIN_TOKEN>)"
            + " or a request from an allowed Web UI origin (pgfleet.codec.allowed-origins)");
  }

  private boolean hasToken(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    return header != null
        && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        && Secrets.matches(token, header.substring(BEARER.length()).trim());
  }
}
