package org.swarmsense.gateway.testing;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.swarmsense.gateway.broker.TlsMaterial;

/**
 * A fresh self-signed server certificate for 127.0.0.1 and localhost, made by the JDK's {@code
 * keytool} (EC P-256, valid 2 days) and written as the PEM pair an operator would have ({@code
 * cert.pem}, PKCS#8 {@code key.pem}). Nothing is downloaded or kept between runs.
 */
public final class TestCertificates {
  private TestCertificates() {}

  /** Generates the pair in {@code dir}. */
  public static TlsMaterial generate(Path dir) throws Exception {
    Path ks = dir.resolve("server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit",
        "-keypass", "changeit")).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + log);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, "changeit".toCharArray());
    }
    PrivateKey key = (PrivateKey) store.getKey("server", "changeit".toCharArray());
    Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes());
    Path cert = Files.writeString(dir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n"
        + b64.encodeToString(store.getCertificate("server").getEncoded()) + "\n-----END CERTIFICATE-----\n");
    Path keyPem = Files.writeString(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\n"
        + b64.encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    return new TlsMaterial(cert, keyPem);
  }
}
