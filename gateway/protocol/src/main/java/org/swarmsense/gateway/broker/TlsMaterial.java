package org.swarmsense.gateway.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A server's TLS certificate chain and private key, read from the PEM files an operator has (the
 * same two files Mosquitto's {@code certfile}/{@code keyfile} take; the key in PKCS#8, {@code BEGIN
 * PRIVATE KEY}, RSA or EC). Gives the server {@link SSLContext} (HTTPS), a PKCS12 keystore file for
 * the embedded HiveMQ, and for clients a context that trusts exactly these certificates. Immutable.
 *
 * @param certFile PEM certificate chain, server certificate first
 * @param keyFile PEM PKCS#8 private key
 */
public record TlsMaterial(Path certFile, Path keyFile) {
  private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

  /** Checks that both files are readable and parse. */
  public TlsMaterial {
    if (certFile == null || keyFile == null) {
      throw new IllegalArgumentException("TLS needs both a certificate file and a key file");
    }
    chain(certFile);
    key(keyFile);
  }

  /** The certificate chain. */
  public static List<Certificate> chain(Path certFile) {
    List<Certificate> out = new ArrayList<>();
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      for (byte[] der : blocks(certFile, "CERTIFICATE")) {
        out.add(cf.generateCertificate(new java.io.ByteArrayInputStream(der)));
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("tls cert " + certFile + ": not a PEM certificate: " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("tls cert " + certFile + ": no BEGIN CERTIFICATE block");
    }
    return out;
  }

  private static PrivateKey key(Path keyFile) {
    List<byte[]> der = blocks(keyFile, "PRIVATE KEY");
    if (der.size() != 1) {
      throw new IllegalArgumentException("tls key " + keyFile + ": expected one BEGIN PRIVATE KEY block (PKCS#8)");
    }
    for (String alg : new String[] {"EC", "RSA", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der.get(0)));
      } catch (GeneralSecurityException tryNext) {
        // another algorithm
      }
    }
    throw new IllegalArgumentException("tls key " + keyFile + ": not an EC, RSA or Ed25519 PKCS#8 key");
  }

  private static List<byte[]> blocks(Path file, String type) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<byte[]> out = new ArrayList<>();
    Matcher m = PEM.matcher(text);
    while (m.find()) {
      if (m.group(1).equals(type)) {
        out.add(Base64.getMimeDecoder().decode(m.group(2)));
      }
    }
    return out;
  }

  /** A keystore holding the key and chain under alias {@code swarmsense}. */
  public KeyStore keyStore(char[] password) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("swarmsense", key(keyFile), password, chain(certFile).toArray(new Certificate[0]));
      return ks;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a keystore from " + certFile + " and " + keyFile, e);
    }
  }

  /** The server side: for HTTPS. */
  public SSLContext serverContext() {
    try {
      char[] pw = "swarmsense".toCharArray();
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keyStore(pw), pw);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build a TLS server context", e);
    }
  }

  /**
   * Writes the keystore as a PKCS12 file (for the embedded HiveMQ), protected by a fresh random
   * password.
   *
   * @return the password
   */
  public String writeKeyStore(Path file) {
    byte[] secret = new byte[18];
    new SecureRandom().nextBytes(secret);
    String pw = HexFormat.of().formatHex(secret);
    try (OutputStream out = Files.newOutputStream(file)) {
      keyStore(pw.toCharArray()).store(out, pw.toCharArray());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    return pw;
  }

  /** A client context that trusts exactly the certificates in {@code certFile} (e.g. for Paho). */
  public static SSLContext trusting(Path certFile) {
    try {
      KeyStore ts = KeyStore.getInstance("PKCS12");
      ts.load(null, null);
      int i = 0;
      for (Certificate c : chain(certFile)) {
        ts.setCertificateEntry("trusted-" + i++, c);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ts);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a trust store from " + certFile, e);
    }
  }
}
