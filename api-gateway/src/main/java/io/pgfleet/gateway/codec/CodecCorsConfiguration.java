package io.pgfleet.gateway.codec;

import io.pgfleet.gateway.config.GatewayProperties;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The Temporal Web UI calls /codec from the browser, on another origin: CORS for the configured
 * origins only (pgfleet.codec.allowed-origins), answering its preflight for the JSON body and the
 * {@code X-Namespace} header it sends.
 */
@Configuration(proxyBeanMethods = false)
public class CodecCorsConfiguration implements WebMvcConfigurer {

  /** Browsers cache a preflight this long (seconds), so a history page asks once. */
  private static final long PREFLIGHT_MAX_AGE_SECONDS = 600;

  private final List<String> allowedOrigins;

  public CodecCorsConfiguration(GatewayProperties properties) {
    this.allowedOrigins = properties.codec().allowedOrigins();
  }

  @Override
  public void addCorsMappings(CorsRegistry registry) {
    if (allowedOrigins.isEmpty()) {
      return;
    }
    registry
        .addMapping("/codec/**")
        .allowedOrigins(allowedOrigins.toArray(String[]::new))
        .allowedMethods("POST")
        .allowedHeaders(HttpHeaders.CONTENT_TYPE, HttpHeaders.AUTHORIZATION, "X-Namespace")
        .maxAge(PREFLIGHT_MAX_AGE_SECONDS);
  }
}
