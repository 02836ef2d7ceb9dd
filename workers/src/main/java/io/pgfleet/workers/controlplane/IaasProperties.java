package io.pgfleet.workers.controlplane;

import java.net.URI;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The IaaS the worker fences VMs through ({@code pgfleet.iaas.*}). Required: a failover promotes
 * the standby only once the IaaS reports the old primary's VM powered off, so a worker without an
 * IaaS could never complete one (BOSH's hard stop is the fallback for powering off, not for that
 * proof).
 */
public record IaasProperties(@DefaultValue Ec2 ec2) {

  /**
   * EC2 or an EC2-compatible API (environment {@code PGFLEET_IAAS_EC2_*}).
   *
   * @param endpoint empty for AWS's own endpoint of the region; the local cloud's EC2 API (e.g.
   *     {@code http://127.0.0.1:8773}) otherwise
   * @param region the region the VMs run in; requests are signed for it
   */
  public record Ec2(URI endpoint, String region, String accessKey, String secretKey) {

    @Override
    public String toString() {
      return "Ec2[endpoint=%s, region=%s, accessKey=%s]".formatted(endpoint, region, accessKey);
    }
  }
}
