package io.pgfleet.workflows.alert;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Sends alerts to every configured channel (a log line always; generic webhooks and e-mail over
 * SMTP when configured). Runs on the control-plane task queue.
 */
@ActivityInterface
public interface AlertActivities {

  /**
   * Delivers to every channel and reports which took it. Fails (retryably) only when every
   * configured channel failed; a retry may repeat a delivery, carrying the same {@link Alert#id}.
   */
  @ActivityMethod(name = "Alert.send")
  AlertDelivery send(Alert alert);
}
