package io.pgfleet.activities.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PcpFilesTest {

  @Test
  void pcpConfHoldsTheMd5ThatPgMd5Prints() {
    // pg_md5 secret → 5ebe2294ecd0e0f08eab7690d2a6ee69
    PcpFiles pcp = PcpFiles.from("pcpadmin", "secret");

    assertThat(pcp.pcpConf()).isEqualTo("pcpadmin:5ebe2294ecd0e0f08eab7690d2a6ee69\n");
    assertThat(PcpFiles.userOf(pcp.pcpConf())).hasValue("pcpadmin");
  }

  @Test
  void thePassFileEscapesLikeALibpqPasswordFile() {
    assertThat(PcpFiles.from("pcpadmin", "a:b\\c").pcpPass())
        .isEqualTo("*:*:pcpadmin:a\\:b\\\\c\n");
    assertThat(PcpFiles.from("pcpadmin", "secret").toString()).doesNotContain("secret");
  }
}
