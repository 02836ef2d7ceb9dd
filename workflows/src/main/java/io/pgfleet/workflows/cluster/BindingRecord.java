package io.pgfleet.workflows.cluster;

/** A binding's role; the password is needed to answer a repeated bind identically. */
public record BindingRecord(String bindingId, String username, String password) {

  @Override
  public String toString() {
    return "BindingRecord[" + bindingId + ", " + username + "]";
  }
}
