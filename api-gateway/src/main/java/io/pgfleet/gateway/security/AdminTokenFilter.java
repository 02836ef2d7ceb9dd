package io.pgfleet.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/** Bearer-token authentication of operators on the operations API (/api/**). */
public class AdminTokenFilter extends OncePerRequestFilter {

  private static final String BEARER = "Bearer ";

  private final String token;

  public AdminTokenFilter(String token) {
    this.token = token;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    boolean bearer = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
    if (!bearer || !Secrets.matches(token, header.substring(BEARER.length()).trim())) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"pgfleet operations\"");
      ErrorWriter.write(
          response,
          HttpServletResponse.SC_UNAUTHORIZED,
          bearer
              ? "wrong admin token"
              : "an admin token is required: Authorization: Bearer <PGFLEET_ADMIN_TOKEN>");
      return;
    }
    chain.doFilter(request, response);
  }
}
