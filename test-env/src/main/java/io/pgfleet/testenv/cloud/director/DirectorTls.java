package io.pgfleet.testenv.cloud.director;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * The Director's TLS material, as bosh-deployment's {@code default_ca} would give it: a CA kept in
 * the state directory (so clients that trusted it keep trusting it across restarts) and a server
 * certificate signed by it with the bind address as IP SAN, so connecting by IP verifies.
 */
public final class DirectorTls {

  /** The CA outlives any local cloud; the server certificate is reissued on every start. */
  private static final long CA_VALIDITY_DAYS = 3650;

  private static final long SERVER_VALIDITY_DAYS = 365;

  /** Where clients find the CA to trust: {@code <state>/director-ca.pem}. */
  public static final String CA_FILE = "director-ca.pem";

  private static final String CA_KEY_FILE = "director-ca-key.pem";

  /**
   * @param caFile the CA certificate (PEM) clients should trust
   */
  public record Material(SSLContext context, String caPem, Path caFile) {}

  private DirectorTls() {}

  public static Material loadOrCreate(Path stateDir, String bindAddress) throws IOException {
    HeldCertificate ca = loadOrCreateCa(stateDir);
    HeldCertificate.Builder server =
        new HeldCertificate.Builder()
            .commonName(bindAddress)
            .addSubjectAlternativeName(bindAddress)
            .duration(SERVER_VALIDITY_DAYS, TimeUnit.DAYS)
            .signedBy(ca);
    if (!"127.0.0.1".equals(bindAddress)) {
      server.addSubjectAlternativeName("127.0.0.1");
    }
    server.addSubjectAlternativeName("localhost");
    HandshakeCertificates certificates =
        new HandshakeCertificates.Builder()
            .heldCertificate(server.build(), ca.certificate())
            .build();
    Path caFile = stateDir.resolve(CA_FILE);
    Files.writeString(caFile, ca.certificatePem());
    return new Material(certificates.sslContext(), ca.certificatePem(), caFile);
  }

  private static HeldCertificate loadOrCreateCa(Path stateDir) throws IOException {
    Path keyFile = stateDir.resolve(CA_KEY_FILE);
    if (Files.exists(keyFile)) {
      return HeldCertificate.decode(Files.readString(keyFile));
    }
    HeldCertificate ca =
        new HeldCertificate.Builder()
            .certificateAuthority(0)
            .commonName("pgfleet local cloud CA")
            .duration(CA_VALIDITY_DAYS, TimeUnit.DAYS)
            .build();
    Files.writeString(keyFile, ca.certificatePem() + ca.privateKeyPkcs8Pem());
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
    return ca;
  }
}
