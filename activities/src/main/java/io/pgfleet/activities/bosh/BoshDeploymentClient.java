package io.pgfleet.activities.bosh;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/** The deployment resources: {@code /deployments}, its jobs, vms and instances. */
final class BoshDeploymentClient {

  private static final TypeReference<List<BoshDeployment>> DEPLOYMENT_LIST =
      new TypeReference<>() {};
  private static final TypeReference<List<BoshVm>> VM_LIST = new TypeReference<>() {};

  private static final MediaType JSON = MediaType.get("application/json");

  private record ManifestResponse(String manifest) {}

  private final BoshHttp http;

  BoshDeploymentClient(BoshHttp http) {
    this.http = http;
  }

  long deploy(String manifestYaml, String contextId, DeployOptions options) {
    HttpUrl.Builder url = http.url("deployments");
    if (options.recreate()) {
      url.addQueryParameter("recreate", "true");
    }
    if (options.fix()) {
      url.addQueryParameter("fix", "true");
    }
    if (options.skipDrain()) {
      url.addQueryParameter("skip_drain", "*");
    }
    if (options.canaries() != null) {
      url.addQueryParameter("canaries", options.canaries());
    }
    if (options.maxInFlight() != null) {
      url.addQueryParameter("max_in_flight", options.maxInFlight());
    }
    Request request =
        new Request.Builder().url(url.build()).post(BoshHttp.yaml(manifestYaml)).build();
    return http.submit(request, contextId, "POST /deployments");
  }

  long deleteDeployment(String name, String contextId, boolean force) {
    HttpUrl.Builder url = http.url("deployments", name);
    if (force) {
      url.addQueryParameter("force", "true");
    }
    Request request = new Request.Builder().url(url.build()).delete().build();
    return http.submit(request, contextId, "DELETE /deployments/" + name);
  }

  /** An empty text/yaml body reuses the deployment's current manifest and pinned configs. */
  long changeJobState(
      String deployment, String job, String indexOrId, String state, String contextId) {
    HttpUrl url =
        http.url("deployments", deployment, "jobs", job, indexOrId)
            .addQueryParameter("state", state)
            .build();
    Request request = new Request.Builder().url(url).put(BoshHttp.yaml("")).build();
    return http.submit(
        request,
        contextId,
        "PUT /deployments/" + deployment + "/jobs/" + job + "/" + indexOrId + "?state=" + state);
  }

  /** BOSH declares the route {@code consumes: :json}; it answers 200 without a task. */
  void setIgnore(String deployment, String instanceGroup, String instanceId, boolean ignore) {
    HttpUrl url =
        http.url("deployments", deployment, "instance_groups", instanceGroup, instanceId, "ignore")
            .build();
    Request request =
        new Request.Builder()
            .url(url)
            .put(RequestBody.create("{\"ignore\":" + ignore + "}", JSON))
            .build();
    http.expectSuccess(
        request,
        "PUT /deployments/"
            + deployment
            + "/instance_groups/"
            + instanceGroup
            + "/"
            + instanceId
            + "/ignore");
  }

  List<BoshDeployment> deployments() {
    String what = "GET /deployments";
    BoshResponse response = http.expectSuccess(BoshHttp.get(http.url("deployments").build()), what);
    return BoshJson.read(response.body(), DEPLOYMENT_LIST, what);
  }

  Optional<String> manifest(String name) {
    String what = "GET /deployments/" + name;
    BoshResponse response =
        http.send(BoshHttp.get(http.url("deployments", name).build()), null, what);
    if (!response.isSuccessful()) {
      BoshException error = BoshErrors.from(what, response);
      if (error instanceof BoshApiException api
          && api.hasCode(BoshApiException.DEPLOYMENT_NOT_FOUND)) {
        return Optional.empty();
      }
      throw error;
    }
    return Optional.ofNullable(
        BoshJson.read(response.body(), ManifestResponse.class, what).manifest());
  }

  /** Starts the {@code instances?format=full} task; its result is NDJSON. */
  long startInstancesTask(String deployment) {
    HttpUrl url =
        http.url("deployments", deployment, "instances")
            .addQueryParameter("format", "full")
            .build();
    return http.submit(
        BoshHttp.get(url), null, "GET /deployments/" + deployment + "/instances?format=full");
  }

  List<BoshVm> vms(String deployment) {
    String what = "GET /deployments/" + deployment + "/vms";
    BoshResponse response =
        http.expectSuccess(BoshHttp.get(http.url("deployments", deployment, "vms").build()), what);
    return BoshJson.read(response.body(), VM_LIST, what);
  }
}
