package io.pgfleet.workflows.provision;

/**
 * The one database every cluster gets for its applications, and the NOLOGIN role that owns it.
 * Binding roles act as the owner, so objects created through one binding stay usable by the others
 * and survive unbinding.
 */
public final class ApplicationDatabase {

  public static final String NAME = "app";
  public static final String OWNER = "app_owner";

  private ApplicationDatabase() {}
}
