package io.pgfleet.workflows.alert;

import java.util.List;

/**
 * Where an alert went.
 *
 * @param delivered the channels that took it, e.g. {@code webhook https://…}, {@code smtp ops@…}
 * @param failed the channels that did not, each with why
 */
public record AlertDelivery(List<String> delivered, List<String> failed) {}
