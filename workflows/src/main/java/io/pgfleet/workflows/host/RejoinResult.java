package io.pgfleet.workflows.host;

/**
 * @param method how the node caught up: ALREADY_STREAMING, REWOUND or BASE_BACKUP
 */
public record RejoinResult(PostgresNodeStatus status, Method method) {

  public enum Method {
    ALREADY_STREAMING,
    REWOUND,
    BASE_BACKUP
  }
}
