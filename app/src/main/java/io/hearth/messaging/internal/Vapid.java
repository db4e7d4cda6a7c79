package io.hearth.messaging.internal;

import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * Identifies the application server to push services (VAPID, RFC 8292): the {@code Authorization} header of a push
 * request carries a JWT signed with ES256, naming the push service's origin, an expiry and a contact, and the public key
 * to check it with. Browsers subscribe with that public key and push services refuse a push signed by any other, so
 * the key pair is configuration, made once ({@link #main}) and kept.
 */
public class Vapid {

    /** How long a token is good for: RFC 8292 allows at most 24 hours, and push services' clocks drift. */
    static final Duration LIFETIME = Duration.ofHours(12);

    private static final String HEADER = "{\"typ\":\"JWT\",\"alg\":\"ES256\"}";
    private static final int SIGNATURE_BYTES = 2 * P256.COORDINATE_BYTES;

    private final ECPrivateKey privateKey;
    private final String publicKey;
    private final String subject;
    private final Clock clock;

    /** Throws IllegalArgumentException when the keys are not a P-256 pair or the subject is not a contact URI. */
    public Vapid(KeyPair keys, String subject, Clock clock) {
        if (!(keys.getPrivate() instanceof ECPrivateKey own) || !(keys.getPublic() instanceof ECPublicKey shown) || !P256.isOnCurve(shown)) {
            throw new IllegalArgumentException("VAPID keys must be a P-256 key pair");
        }
        this.privateKey = own;
        this.publicKey = P256.base64Url(P256.point(shown));
        this.subject = contact(subject);
        this.clock = clock;
        if (!belongTogether(own, shown)) {
            throw new IllegalArgumentException("the VAPID public key is not the private key's: browsers would subscribe with a key no push can be signed for");
        }
    }

    /**
     * The keys as {@code web-push generate-vapid-keys} prints them: the private key as base64url of its 32-byte scalar,
     * the public key as base64url of its 65-byte uncompressed point.
     */
    public static Vapid of(String privateKey, String publicKey, String subject, Clock clock) {
        KeyPair keys;
        try {
            keys = new KeyPair(
                    P256.publicKey(P256.base64Url(publicKey, "the VAPID public key")),
                    P256.privateKey(P256.base64Url(privateKey, "the VAPID private key")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the VAPID keys are malformed: " + e.getMessage(), e);
        }
        return new Vapid(keys, subject, clock);
    }

    /** The {@code Authorization} header value for a push to the endpoint: {@code vapid t=<JWT>, k=<public key>}. */
    public String authorization(URI endpoint) {
        long expiry = clock.instant().plus(LIFETIME).getEpochSecond();
        // Neither string needs JSON escaping: both passed java.net.URI, which admits no quote, backslash or control character.
        String claims = "{\"aud\":\"" + origin(endpoint) + "\",\"exp\":" + expiry + ",\"sub\":\"" + subject + "\"}";
        String signingInput = base64Url(HEADER) + "." + base64Url(claims);
        String token = signingInput + "." + P256.base64Url(sign(signingInput.getBytes(StandardCharsets.US_ASCII)));
        return "vapid t=" + token + ", k=" + publicKey;
    }

    /** The public key as base64url of its uncompressed point: the {@code applicationServerKey} browsers subscribe with. */
    public String publicKey() {
        return publicKey;
    }

    /** A new key pair, as base64url, in the forms {@link #of} reads. */
    public static Keys newKeys() {
        KeyPair pair = P256.generate();
        return new Keys(
                P256.base64Url(P256.point((ECPublicKey) pair.getPublic())),
                P256.base64Url(P256.scalar((ECPrivateKey) pair.getPrivate())));
    }

    /** Prints a new key pair, for a local run or a new environment. */
    public static void main(String[] args) {
        Keys keys = newKeys();
        System.out.println("VAPID public key:  " + keys.publicKey());
        System.out.println("VAPID private key: " + keys.privateKey());
    }

    /** A VAPID key pair as base64url: the public key's uncompressed point and the private key's scalar. */
    public record Keys(String publicKey, String privateKey) {

        @Override
        public String toString() {
            return "Keys[publicKey=" + publicKey + ", privateKey=<hidden>]";
        }
    }

    /** The push service's origin: RFC 8292 §2 has the audience be the origin of the endpoint, never its path. */
    static String origin(URI endpoint) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || endpoint.getHost() == null) {
            throw new IllegalArgumentException("a push endpoint must be an absolute http(s) URL, got " + endpoint);
        }
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || scheme.equals("https") && port == 443 || scheme.equals("http") && port == 80;
        return scheme + "://" + endpoint.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** The contact RFC 8292 §2.1 asks for: a {@code mailto:} address or an {@code https:} URL. */
    private static String contact(String subject) {
        URI uri;
        try {
            uri = new URI(subject == null ? "" : subject);
        } catch (URISyntaxException e) {
            throw badSubject(subject);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean valid = switch (scheme) {
            case "mailto" -> uri.getSchemeSpecificPart().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
            case "https" -> uri.getHost() != null;
            default -> false;
        };
        if (!valid) {
            throw badSubject(subject);
        }
        return subject;
    }

    private static IllegalArgumentException badSubject(String subject) {
        return new IllegalArgumentException("the VAPID subject must be a mailto: address or an https: URL, got \"" + subject + "\"");
    }

    private byte[] sign(byte[] input) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(privateKey);
            signature.update(input);
            return joseSignature(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the VAPID token could not be signed", e);
        }
    }

    /**
     * The JDK writes an ECDSA signature as DER, {@code SEQUENCE { INTEGER r, INTEGER s }}, with each integer as short as
     * it goes plus a zero byte when its top bit is set; JOSE (RFC 7518 §3.4) wants r and s as 32 bytes each, back to back.
     */
    static byte[] joseSignature(byte[] der) {
        int[] at = {0};
        if (read(der, at) != 0x30) {
            throw new IllegalStateException("an ECDSA signature is not a DER sequence");
        }
        readLength(der, at);
        BigInteger r = readInteger(der, at);
        BigInteger s = readInteger(der, at);
        byte[] jose = Arrays.copyOf(P256.fixed(r), SIGNATURE_BYTES);
        System.arraycopy(P256.fixed(s), 0, jose, P256.COORDINATE_BYTES, P256.COORDINATE_BYTES);
        return jose;
    }

    private static BigInteger readInteger(byte[] der, int[] at) {
        if (read(der, at) != 0x02) {
            throw new IllegalStateException("an ECDSA signature's part is not a DER integer");
        }
        int length = readLength(der, at);
        if (length < 1 || at[0] + length > der.length) {
            throw new IllegalStateException("an ECDSA signature's integer runs past its end");
        }
        BigInteger value = new BigInteger(1, Arrays.copyOfRange(der, at[0], at[0] + length));
        at[0] += length;
        return value;
    }

    private static int readLength(byte[] der, int[] at) {
        int first = read(der, at);
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = length << 8 | read(der, at);
        }
        return length;
    }

    private static int read(byte[] der, int[] at) {
        if (at[0] >= der.length) {
            throw new IllegalStateException("an ECDSA signature ends early");
        }
        return der[at[0]++] & 0xff;
    }

    private static boolean belongTogether(ECPrivateKey own, ECPublicKey shown) {
        try {
            byte[] probe = "VAPID key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(own);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(shown);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the VAPID keys could not be checked", e);
        }
    }

    private static String base64Url(String json) {
        return P256.base64Url(json.getBytes(StandardCharsets.UTF_8));
    }
}
