package dev.audience.channel.push;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;

/** Keys and certificates made fresh in each test run: nothing secret is checked in. */
public final class TestKeys {
    private TestKeys() {}

    /** An EC P-256 key pair: what Apple's .p8 signing keys are, and a fine TLS server key. */
    public static KeyPair ecP256() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsa2048() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A private key as PKCS#8 PEM ("BEGIN PRIVATE KEY"), the format of a .p8 file and a service-account key. */
    public static String pkcs8Pem(Key privateKey) {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** A self-signed CA certificate for localhost and 127.0.0.1, valid for a day, for a TLS test server. */
    public static X509Certificate selfSigned(KeyPair keys) {
        try {
            X500Name name = new X500Name("CN=localhost, O=Audience tests");
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), name, keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }

    /** A Firebase service-account key file's JSON for {@code keys}, with its token_uri pointing at {@code tokenUri}. */
    public static String serviceAccountJson(KeyPair keys, String projectId, String clientEmail, String tokenUri) {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        json.put("type", "service_account").put("project_id", projectId).put("private_key_id", "key-1")
                .put("private_key", pkcs8Pem(keys.getPrivate())).put("client_email", clientEmail)
                .put("client_id", "1234567890").put("token_uri", tokenUri);
        return json.toString();
    }

    public static String certificatePem(X509Certificate cert) {
        try {
            return pem("CERTIFICATE", cert.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
