package io.pgfleet.workflows.host;

import java.util.List;

/**
 * @param primaryBackendId pgpool's backend number of the (new) primary
 * @param downBackendIds backends pgpool must not route to (the fenced old primary)
 */
public record RerouteInput(int primaryBackendId, List<Integer> downBackendIds) {}
