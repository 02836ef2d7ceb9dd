package io.pgfleet.gateway.security;

import io.pgfleet.gateway.config.GatewayProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Which filter guards which path (and in which order: authentication, API version, path check).
 * /actuator/health and /v3/api-docs stay open: readiness checks and API documentation carry no
 * data. /codec takes the admin token or an allowed Web UI origin ({@link CodecAccessFilter}).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityFilterConfiguration {

  private static final String BROKER_PATHS = "/v2/*";
  private static final String OPERATIONS_PATHS = "/api/*";
  private static final String CODEC_PATHS = "/codec/*";

  @Bean
  FilterRegistrationBean<BrokerAuthenticationFilter> brokerAuthentication(
      GatewayProperties properties) {
    var registration =
        new FilterRegistrationBean<>(
            new BrokerAuthenticationFilter(
                properties.broker().username(), properties.broker().password()));
    registration.addUrlPatterns(BROKER_PATHS);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /** After authentication: an unauthenticated caller learns nothing about supported versions. */
  @Bean
  FilterRegistrationBean<BrokerApiVersionFilter> brokerApiVersion() {
    var registration = new FilterRegistrationBean<>(new BrokerApiVersionFilter());
    registration.addUrlPatterns(BROKER_PATHS);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  /** After authentication, on every path that carries ids. */
  @Bean
  FilterRegistrationBean<PathParameterFilter> pathParameters() {
    var registration = new FilterRegistrationBean<>(new PathParameterFilter());
    registration.addUrlPatterns(BROKER_PATHS, OPERATIONS_PATHS, CODEC_PATHS);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
    return registration;
  }

  /** The admin token, or a browser at the Temporal Web UI's origin. */
  @Bean
  FilterRegistrationBean<CodecAccessFilter> codecAccess(GatewayProperties properties) {
    var registration =
        new FilterRegistrationBean<>(
            new CodecAccessFilter(properties.adminToken(), properties.codec().allowedOrigins()));
    registration.addUrlPatterns(CODEC_PATHS);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  @Bean
  FilterRegistrationBean<AdminTokenFilter> adminToken(GatewayProperties properties) {
    var registration = new FilterRegistrationBean<>(new AdminTokenFilter(properties.adminToken()));
    registration.addUrlPatterns(OPERATIONS_PATHS);
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }
}
