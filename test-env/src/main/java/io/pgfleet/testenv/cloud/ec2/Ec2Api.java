package io.pgfleet.testenv.cloud.ec2;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One EC2 Query-protocol request to one response: signature checked first, then the action run;
 * errors become EC2's error document with EC2's status.
 */
final class Ec2Api {

  private static final Logger LOG = LoggerFactory.getLogger(Ec2Api.class);

  /** The answer: HTTP status and XML body. */
  record Response(int status, String body) {}

  private final SigV4Verifier verifier;
  private final Map<String, Ec2Action> actions;

  Ec2Api(SigV4Verifier verifier, Map<String, Ec2Action> actions) {
    this.verifier = verifier;
    this.actions = Map.copyOf(actions);
  }

  Response handle(SignedRequest request) {
    String requestId = Ec2Ids.requestId();
    try {
      verifier.verify(request);
      Ec2Request params =
          Ec2Request.parse(
              "POST".equals(request.method())
                  ? new String(request.body(), StandardCharsets.UTF_8)
                  : request.rawQuery());
      String action = params.action();
      Ec2Action handler = actions.get(action);
      if (handler == null) {
        throw new Ec2Error(
            Ec2Error.BAD_REQUEST,
            "InvalidAction",
            "The action " + action + " is not valid for this web service.");
      }
      if (params.flag("DryRun")) {
        throw new Ec2Error(
            Ec2Error.PRECONDITION_FAILED,
            "DryRunOperation",
            "Request would have succeeded, but DryRun flag is set.");
      }
      return new Response(200, handler.handle(params, requestId));
    } catch (Ec2Error e) {
      LOG.debug("EC2 request {} refused: {} {}", requestId, e.code(), e.getMessage());
      return new Response(e.status(), Xml.error(e.code(), e.getMessage(), requestId));
    } catch (Exception e) {
      LOG.warn("EC2 request {} failed", requestId, e);
      return new Response(
          Ec2Error.SERVER_ERROR,
          Xml.error("InternalError", "An internal error has occurred", requestId));
    }
  }
}
