package io.pgfleet.testenv.cloud.ec2;

/** One EC2 action: the request's parameters in, the response document out. */
@FunctionalInterface
interface Ec2Action {
  String handle(Ec2Request request, String requestId) throws Exception;
}
