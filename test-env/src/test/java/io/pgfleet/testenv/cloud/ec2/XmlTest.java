package io.pgfleet.testenv.cloud.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The documents EC2 answers with: namespaced responses and its error envelope. */
class XmlTest {

  @Test
  void aResponseCarriesTheNamespaceTheRequestIdAndEscapedText() {
    String xml =
        Xml.response("CreateSnapshot", "req-1")
            .leaf("snapshotId", "snap-1")
            .leaf("description", "a <b> & 'c'")
            .leaf("skipped", null)
            .tagSet(Map.of("k", "v"))
            .end("CreateSnapshot");

    assertThat(xml)
        .isEqualTo(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<CreateSnapshotResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                + "<requestId>req-1</requestId><snapshotId>snap-1</snapshotId>"
                + "<description>a &lt;b&gt; &amp; &apos;c&apos;</description>"
                + "<tagSet><item><key>k</key><value>v</value></item></tagSet>"
                + "</CreateSnapshotResponse>");
  }

  @Test
  void anErrorIsEc2sResponseErrorsEnvelope() {
    assertThat(Xml.error("InvalidVolume.NotFound", "The volume 'disk-1' does not exist.", "r"))
        .isEqualTo(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<Response><Errors><Error><Code>InvalidVolume.NotFound</Code>"
                + "<Message>The volume &apos;disk-1&apos; does not exist.</Message></Error>"
                + "</Errors><RequestID>r</RequestID></Response>");
  }
}
