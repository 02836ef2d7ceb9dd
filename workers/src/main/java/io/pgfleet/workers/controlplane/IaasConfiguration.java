package io.pgfleet.workers.controlplane;

import io.pgfleet.iaas.aws.Ec2Clients;
import io.pgfleet.iaas.aws.Ec2IaasActivities;
import io.pgfleet.iaas.aws.Ec2Settings;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The IaaS adapter that fences VMs. The worker refuses to start without its settings: a failover
 * promotes only once the IaaS reports the old primary powered off, so without it every failover
 * would stop at "not proven fenced" and wait for an operator.
 */
@Configuration(proxyBeanMethods = false)
class IaasConfiguration {

  @Bean(destroyMethod = "close")
  Ec2Client ec2Client(ControlPlaneProperties properties) {
    return Ec2Clients.create(ec2Settings(properties.iaas().ec2()));
  }

  @Bean
  Ec2IaasActivities iaasActivities(Ec2Client ec2) {
    return new Ec2IaasActivities(ec2);
  }

  static Ec2Settings ec2Settings(IaasProperties.Ec2 ec2) {
    List<String> missing = new ArrayList<>();
    if (blank(ec2.region())) {
      missing.add("pgfleet.iaas.ec2.region (" + Ec2Settings.ENV_REGION + ")");
    }
    if (blank(ec2.accessKey())) {
      missing.add("pgfleet.iaas.ec2.access-key (" + Ec2Settings.ENV_ACCESS_KEY + ")");
    }
    if (blank(ec2.secretKey())) {
      missing.add("pgfleet.iaas.ec2.secret-key (" + Ec2Settings.ENV_SECRET_KEY + ")");
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          String.join(", ", missing)
              + " must be set: failover fences the old primary through the IaaS and promotes only"
              + " once the IaaS reports its VM powered off; pgfleet.iaas.ec2.endpoint ("
              + Ec2Settings.ENV_ENDPOINT
              + ") is optional, empty means AWS's endpoint of the region");
    }
    String endpoint = ec2.endpoint() == null ? "" : ec2.endpoint().toString();
    return new Ec2Settings(
        endpoint.isBlank() ? null : ec2.endpoint(), ec2.region(), ec2.accessKey(), ec2.secretKey());
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
