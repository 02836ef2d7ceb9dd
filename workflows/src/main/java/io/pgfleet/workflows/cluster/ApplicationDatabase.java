package io.pgfleet.workflows.cluster;

/**
 * The one database applications use and the NOLOGIN role that owns its objects. Provisioning
 * creates both; every binding's role acts as the owner, so objects survive unbinding.
 */
public final class ApplicationDatabase {

  public static final String NAME = "app";
  public static final String OWNER = "app_owner";

  private ApplicationDatabase() {}
}
