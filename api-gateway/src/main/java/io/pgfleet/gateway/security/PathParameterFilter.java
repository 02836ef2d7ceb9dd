package io.pgfleet.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects ';' in paths. Spring MVC reads "a;b" as segment "a" with a matrix parameter, so PUT
 * /v2/service_instances/a;b would quietly act on instance "a".
 */
public class PathParameterFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String uri = request.getRequestURI();
    if (uri.indexOf(';') >= 0 || uri.toLowerCase(Locale.ROOT).contains("%3b")) {
      ErrorWriter.write(
          response,
          HttpServletResponse.SC_BAD_REQUEST,
          "ids may only contain letters, digits, '.', '_' and '-'; the path contains ';'");
      return;
    }
    chain.doFilter(request, response);
  }
}
